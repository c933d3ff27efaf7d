using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sroi.Ledger.Api.Tests.Ops;

/// <summary>One request of a .http file: its title (the text after ###), name (# @name), expectation (# expect 422 or 4xx).</summary>
public sealed record HttpFileRequest(string Title, string? Name, string? Expect, string Method, string Url,
    IReadOnlyList<(string Name, string Value)> Headers, string? Body)
{
    /// <summary>Whether <paramref name="status"/> is what the file shows: a success, or the error it says it shows.</summary>
    public bool Accepts(int status) => Expect switch
    {
        null => status < 400,
        [var digit, 'x', 'x'] => status / 100 == digit - '0',
        _ => status.ToString(CultureInfo.InvariantCulture) == Expect,
    };
}

/// <summary>
/// The part of the VS Code REST Client's .http format that ops/requests.http uses: <c>###</c> separators, <c>@name = value</c>
/// file variables, <c># @name</c> to keep a response, <c>{{name.response.body.$.path}}</c> and
/// <c>{{name.response.headers.Name}}</c> to read one, <c>{{$guid}}</c> and <c>{{$datetime iso8601|"YYYY-MM-DD" [offset unit]}}</c>.
/// Anything else in braces is an error, so the file cannot use what this runner would silently get wrong.
/// </summary>
public sealed partial class RestClientFile
{
    private readonly Dictionary<string, string> variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (HttpResponseMessage Response, string Body)> responses = new(StringComparer.Ordinal);

    private RestClientFile(IReadOnlyList<HttpFileRequest> requests) => Requests = requests;

    public IReadOnlyList<HttpFileRequest> Requests { get; }

    public static RestClientFile Parse(string text, IReadOnlyDictionary<string, string> overrides)
    {
        var requests = new List<HttpFileRequest>();
        var fileVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = ("\n" + text.Replace("\r\n", "\n", StringComparison.Ordinal)).Split("\n###");
        foreach (var block in blocks)
        {
            var lines = block.Split('\n');
            var title = lines[0].Trim();
            string? name = null, expect = null;
            var i = 1;
            for (; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0) continue;
                if (VariableLine().Match(line) is { Success: true } variable) { fileVariables[variable.Groups[1].Value] = variable.Groups[2].Value.Trim(); continue; }
                if (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                {
                    var comment = line.TrimStart('#', '/', ' ');
                    if (comment.StartsWith("@name ", StringComparison.Ordinal)) name = comment["@name ".Length..].Trim();
                    else if (comment.StartsWith("expect ", StringComparison.Ordinal)) expect = comment["expect ".Length..].Trim();
                    continue;
                }
                break;
            }
            if (i >= lines.Length) continue; // the preamble, or a block of comments only
            // "METHOD URL [HTTP/1.1]"; the URL may hold spaces inside {{…}} ($datetime's arguments).
            var requestLine = lines[i].Trim().Split(' ', 2);
            requestLine[1] = HttpVersion().Replace(requestLine[1].Trim(), "");
            var headers = new List<(string, string)>();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }
            var body = string.Join('\n', lines.Skip(i + 1)).Trim();
            requests.Add(new HttpFileRequest(title, name, expect, requestLine[0], requestLine[1], headers, body.Length == 0 ? null : body));
        }
        var file = new RestClientFile(requests);
        foreach (var (key, value) in fileVariables) file.variables[key] = value;
        foreach (var (key, value) in overrides) file.variables[key] = value;
        return file;
    }

    /// <summary>Sends one request with every variable resolved; keeps its response when it is named.</summary>
    public async Task<(HttpRequestMessage Sent, HttpResponseMessage Response, string Body)> SendAsync(HttpClient client, HttpFileRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), Resolve(request.Url));
        var contentHeaders = new List<(string, string)>();
        foreach (var (name, value) in request.Headers)
        {
            var resolved = Resolve(value);
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) contentHeaders.Add((name, resolved));
            else message.Headers.TryAddWithoutValidation(name, resolved);
        }
        if (request.Body is not null)
        {
            message.Content = new StringContent(Resolve(request.Body), Encoding.UTF8);
            message.Content.Headers.Remove("Content-Type");
            foreach (var (name, value) in contentHeaders) message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        if (request.Name is not null) responses[request.Name] = (response, body);
        return (message, response, body);
    }

    public string Resolve(string text, int depth = 0)
    {
        if (depth > 10) throw new InvalidOperationException($"Variables refer to each other in a circle: {text}");
        return Reference().Replace(text, match => Resolve(Value(match.Groups[1].Value.Trim()), depth + 1));
    }

    private string Value(string reference)
    {
        if (reference == "$guid") return Guid.NewGuid().ToString();
        if (reference.StartsWith("$datetime ", StringComparison.Ordinal)) return DateTime(reference["$datetime ".Length..].Trim());
        if (variables.TryGetValue(reference, out var value)) return value;
        var parts = reference.Split('.', 4);
        if (parts is [var name, "response", "body", var path] && responses.TryGetValue(name, out var kept))
            return JsonPath(JsonNode.Parse(kept.Body)!, path, reference);
        if (parts is [var name2, "response", "headers", var header] && responses.TryGetValue(name2, out var keptHeaders))
            return keptHeaders.Response.Headers.TryGetValues(header, out var values) || keptHeaders.Response.Content.Headers.TryGetValues(header, out values)
                ? string.Join(", ", values)
                : throw new InvalidOperationException($"{{{{{reference}}}}}: the response of '{name2}' has no {header} header.");
        throw new InvalidOperationException($"{{{{{reference}}}}} is not defined (or names a request not sent yet).");
    }

    /// <summary><c>iso8601</c> (now, UTC), or <c>"YYYY-MM-DD" [offset unit]</c> with unit d, w, M or y, as REST Client reads them.</summary>
    private static string DateTime(string arguments)
    {
        var now = System.DateTime.UtcNow;
        if (arguments == "iso8601") return now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var match = DateTimeArguments().Match(arguments);
        if (!match.Success) throw new InvalidOperationException($"$datetime {arguments}: only iso8601 and \"YYYY-MM-DD\" [offset unit] are supported.");
        if (match.Groups[1].Success)
        {
            var offset = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            now = match.Groups[2].Value switch
            {
                "d" => now.AddDays(offset),
                "w" => now.AddDays(7 * offset),
                "M" => now.AddMonths(offset),
                "y" => now.AddYears(offset),
                var unit => throw new InvalidOperationException($"$datetime: unit {unit} is not supported."),
            };
        }
        return now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary><c>$.a.b[0].c</c>: members and array indexes.</summary>
    private static string JsonPath(JsonNode root, string path, string reference)
    {
        if (!path.StartsWith('$')) throw new InvalidOperationException($"{{{{{reference}}}}}: a body path starts with $.");
        JsonNode? node = root;
        foreach (Match step in PathStep().Matches(path[1..]))
            node = step.Groups[1].Success ? node?[step.Groups[1].Value] : node?[int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture)];
        return node switch
        {
            null => throw new InvalidOperationException($"{{{{{reference}}}}}: nothing at that path in {root.ToJsonString()}"),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    [GeneratedRegex(@"^@([A-Za-z_][\w-]*)\s*=(.*)$")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"\s+HTTP/[\d.]+$")]
    private static partial Regex HttpVersion();

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex("^\"YYYY-MM-DD\"(?:\\s+(-?\\d+)\\s+(\\w+))?$")]
    private static partial Regex DateTimeArguments();

    [GeneratedRegex(@"\.([^.\[]+)|\[(\d+)\]")]
    private static partial Regex PathStep();
}
