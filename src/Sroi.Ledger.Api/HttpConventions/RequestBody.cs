using System.Security.Cryptography;
using System.Text.Json;
using Sroi.Ledger.Api.Hosting;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>A JSON request body read by hand, so that every parse error becomes a 400 naming the field.</summary>
public sealed record RequestBody<T>(T Value, byte[] Fingerprint) where T : class;

public static class RequestBody
{
    private const int MaxBytes = 256 * 1024;

    /// <summary>The parsed body, or a 400 problem naming the field that did not parse.</summary>
    public static async Task<(RequestBody<T>? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.BadRequest("body", "Send a JSON body with Content-Type application/json."));

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
            return (null, Problems.BadRequest("body", $"The body is larger than {MaxBytes / 1024} KiB."));
        var bytes = buffer.ToArray();

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, LedgerJson.Options);
            if (value is null)
                return (null, Problems.BadRequest("body", "The body must be a JSON object."));
            return (new RequestBody<T>(value, Fingerprint(request, bytes)), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest(FieldOf(e.Path), Describe(e)));
        }
    }

    /// <summary>
    /// For commands whose fields are all optional (an acceptance with or without a note): no body at all is
    /// <paramref name="empty"/>; a body is read as by <see cref="ReadAsync{T}"/>.
    /// </summary>
    public static async Task<(RequestBody<T>? Body, IResult? Problem)> ReadOptionalAsync<T>(HttpRequest request, T empty, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null))
            return (new RequestBody<T>(empty, Fingerprint(request, [])), null);
        return await ReadAsync<T>(request, ct);
    }

    /// <summary>"$.contractor.kvkNumber" → "contractor.kvkNumber"; the whole body → "body".</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');

    private static byte[] Fingerprint(HttpRequest request, byte[] body) =>
        SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"), .. body]);

    private static string Describe(JsonException e)
    {
        // Our converters explain themselves; System.Text.Json's own messages name CLR types, so say it plainly.
        if (e.InnerException is null && e.Message.StartsWith("Expected", StringComparison.Ordinal))
            return e.Message;
        if (e.InnerException is NodaTime.Text.UnparsableValueException or InvalidOperationException && e.Path is not null)
            return "Expected an ISO-8601 date such as 2024-06-30, or for an instant 2024-06-30T12:00:00Z.";
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return "Unknown field.";
        if (e.Path is null or "$")
            return "The body is not well-formed JSON.";
        return "The value has the wrong type or format.";
    }
}
