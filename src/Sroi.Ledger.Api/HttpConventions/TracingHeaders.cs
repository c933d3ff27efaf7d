using System.Text.RegularExpressions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The identifiers a client sends along with a write (X-Correlation-ID, X-Causation-ID, Idempotency-Key) go into the
/// immutable metadata of its events, so they are held to what an identifier looks like: 1 to 128 of the characters
/// A–Z a–z 0–9 . _ : - and no BSN (see <see cref="BsnScreen"/>). A canonical UUID and a W3C traceparent are generated, not
/// typed: they are not screened, because about one random UUID in a few thousand holds nine digits in a row that pass the
/// elfproef, and refusing a client's generated key now and then would be worse than useless.
/// </summary>
public static partial class TracingHeaders
{
    public const string CorrelationId = "X-Correlation-ID";
    public const string CausationId = "X-Causation-ID";
    public const int MaxLength = 128;

    public const string Rule = "At most 128 of the characters A-Z a-z 0-9 . _ : - (a UUID, a traceparent or another generated id).";

    /// <summary>The header's value; null when it is absent; a problem naming the header when it is not an identifier.</summary>
    public static (string? Value, IResult? Problem) Read(HttpRequest request, string header)
    {
        var values = request.Headers[header];
        if (values.Count == 0 || (values.Count == 1 && values[0] is null or { Length: 0 }))
            return (null, null);
        if (values.Count > 1)
            return (null, Problems.BadRequest(header, "Send the header once."));
        var value = values[0]!;
        if (value.Length > MaxLength || !SafeAlphabet().IsMatch(value))
            return (null, Problems.BadRequest(header, Rule));
        if (!Generated().IsMatch(value) && BsnScreen.ContainsBsn(value))
            return (null, Problems.BadRequest(header, FieldErrors.BsnMessage));
        return (value, null);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]+$")]
    private static partial Regex SafeAlphabet();

    // A UUID (8-4-4-4-12 hex) or a W3C traceparent (version-trace id-parent id-flags).
    [GeneratedRegex(@"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2})$")]
    private static partial Regex Generated();
}
