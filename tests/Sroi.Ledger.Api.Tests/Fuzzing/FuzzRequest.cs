using System.Text;

namespace Sroi.Ledger.Api.Tests.Fuzzing;

/// <summary>
/// One malformed request. <paramref name="Netted"/>: the malformation might leave a valid request (a missing optional
/// field, a long but allowed string), so it is sent with a stale If-Match, which the one write path checks after
/// validating and deciding and before appending: the request is still validated in full, but cannot write.
/// </summary>
public sealed record FuzzRequest(string OperationId, string Description, string Method, string Url, byte[]? Body, string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers, bool Netted)
{
    /// <summary>A version no seeded stream reaches.</summary>
    public const string StaleIfMatch = "\"987654321\"";

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        if (Netted && !Headers.Any(h => h.Key == "If-Match")) message.Headers.TryAddWithoutValidation("If-Match", StaleIfMatch);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public override string ToString() =>
        $"{OperationId} {Method} {Url[..Math.Min(Url.Length, 120)]} [{Description}] " +
        (Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300)));
}
