using System.Text.RegularExpressions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The identifiers a client sends along with a write (X-Correlation-ID, X-Causation-ID, Idempotency-Key) go into the
/// immutable metadata of its events, so they are held to what an identifier looks like: 1 to 128 of the characters
/// A–Z a–z 0–9 . _ : - and no BSN (see <see cref="BsnScreen"/>), whatever their shape.
/// <para>
/// A value shaped as a UUID must be one by RFC 9562 (version 1 to 8 and the variant bits 10, or the nil or max UUID):
/// a "UUID" such as <c>00000000-0000-0000-0000-000123456782</c> is typed, not generated, and refused. A generated id —
/// such a UUID or a W3C traceparent — is random, and about one random UUID in 120 holds digits that pass the elfproef
/// by chance, indistinguishable from a BSN. Refusing those now and then would fail a client for nothing it did, so
/// for the tracing headers such a value is <see cref="Outcome.Dropped"/>: the correlation id becomes the request's
/// trace id, a causation id is not recorded, and the write goes on. An Idempotency-Key cannot be replaced (a retry
/// must find it), so a generated one holding a BSN-like run is kept for the replay but recorded in the events only as its
/// digest (<see cref="EventLog.EventMetadata.RecordedIdempotencyKey"/>); a typed key holding a BSN is refused.
/// </para>
/// </summary>
public static partial class TracingHeaders
{
    public const string CorrelationId = "X-Correlation-ID";
    public const string CausationId = "X-Causation-ID";
    public const int MaxLength = 128;

    public const string Rule = "At most 128 of the characters A-Z a-z 0-9 . _ : - (a UUID, a traceparent or another generated id).";
    public const string UuidRule = "Shaped as a UUID but not a valid RFC 9562 UUID (version digit 1 to 8, variant digit 8, 9, a or b).";
    public const string GeneratedBsnMessage = FieldErrors.BsnMessage + " A random id does so now and then: send another.";

    /// <summary>What became of a header that was sent.</summary>
    public enum Outcome { Kept, Dropped }

    /// <summary>
    /// The header's value as ASP.NET binds it (<c>[FromHeader]</c>; several values arrive joined by commas, which no
    /// identifier holds); null when it is absent (null or empty) or, for a tracing header, dropped (see the class); a
    /// problem naming the header when it is not an identifier.
    /// </summary>
    /// <param name="keepGenerated">Whether a generated value holding a BSN-like run is kept (the caller keeps it out of the
    /// events) instead of dropped.</param>
    public static (string? Value, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) Read(string? sent, string header, bool keepGenerated = false)
    {
        if (string.IsNullOrEmpty(sent))
            return (null, null);
        var (value, outcome, problem) = Judge(sent);
        if (problem is not null && outcome != Outcome.Dropped)
            return (null, Problems.BadRequest(header, problem));
        return (outcome == Outcome.Kept || keepGenerated ? value : null, null);
    }

    /// <summary>
    /// The verdict on one value: kept; dropped (a generated id with a BSN-like run: the problem says so, for a header
    /// that cannot be dropped); or refused with the problem.
    /// </summary>
    public static (string Value, Outcome Outcome, string? Problem) Judge(string value)
    {
        if (value.Length > MaxLength || !SafeAlphabet().IsMatch(value))
            return (value, Outcome.Kept, Rule);
        var uuidShaped = UuidShape().IsMatch(value);
        if (uuidShaped && !IsRfc9562(value))
            return (value, Outcome.Kept, UuidRule);
        if (!BsnScreen.ContainsBsn(value))
            return (value, Outcome.Kept, null);
        return uuidShaped || Traceparent().IsMatch(value)
            ? (value, Outcome.Dropped, GeneratedBsnMessage)
            : (value, Outcome.Kept, FieldErrors.BsnMessage);
    }

    /// <summary>RFC 9562: the version nibble (the 13th hex digit) is 1–8 and the variant's top bits are 10; or nil or max.</summary>
    private static bool IsRfc9562(string uuid)
    {
        var hex = uuid.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (hex.All(c => c == '0') || hex.All(c => c == 'f')) return true;
        return hex[12] is >= '1' and <= '8' && hex[16] is '8' or '9' or 'a' or 'b';
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]+$")]
    private static partial Regex SafeAlphabet();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidShape();

    // A W3C traceparent: version-trace id-parent id-flags.
    [GeneratedRegex(@"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex Traceparent();
}
