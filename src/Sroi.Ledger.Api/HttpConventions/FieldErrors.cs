using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>Validation errors by field path (e.g. <c>contractor.kvkNumber</c>), collected before anything is written.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    /// <summary>Fields whose value did not parse (see <see cref="Settle"/>): nothing more is said about them.</summary>
    private readonly HashSet<string> settled = [];

    public bool Any => errors.Count > 0;

    public static FieldErrors One(string field, string message) => new FieldErrors().Add(field, message);

    /// <summary>
    /// Adds the error, unless the field (or one it lies in) is settled: a value of the wrong type is left out of the
    /// parsed body, so the endpoint's validation would call it missing ("Required.") or judge what is left of it.
    /// </summary>
    public FieldErrors Add(string field, string message)
    {
        if (settled.Count > 0 && settled.Any(s => Within(field, s)))
            return this;
        if (!errors.TryGetValue(field, out var messages))
            errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    /// <summary>Adds the error when <paramref name="value"/> is missing, and says whether it is there.</summary>
    public bool Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "Required.");
        return value is not null;
    }

    public const string BsnMessage =
        "Contains what looks like a BSN (9 digits passing the elfproef, however separated or written); personal numbers are not recorded.";

    /// <summary>
    /// Everything a person types is screened for a BSN (<see cref="BsnScreen"/>), references and invoice numbers too: the
    /// event log cannot forget one. A case number that happens to pass the elfproef (about one in eleven 9-digit
    /// numbers) is refused as well; the message says why, and a prefix ("INK-…") gets it through. A setting that never
    /// enters an event (a webhook's URL, whose random token may pass the elfproef by chance) is checked without the screen.
    /// </summary>
    public bool RequiredText(string field, string? value, int maxLength = 500, bool screenForBsn = true)
    {
        // Zero-width spaces, a byte-order mark or Hangul fillers alone show nothing: no title, no reason.
        if (TextScreen.IsBlank(value)) { Add(field, "Required."); return false; }
        if (value.Length > maxLength) { Add(field, $"At most {maxLength} characters."); return false; }
        if (screenForBsn && BsnScreen.ContainsBsn(value)) { Add(field, BsnMessage); return false; }
        return true;
    }

    public bool OptionalText(string field, string? value, int maxLength = 500) =>
        value is null || RequiredText(field, value, maxLength);

    /// <summary>Whether the field, or a field it lies in (<c>contractor</c> for <c>contractor.name</c>), has an error.</summary>
    public bool Covers(string field) => errors.Keys.Any(named => Within(field, named));

    /// <summary>
    /// Marks every field named so far as settled: the errors of reading a body (a value of the wrong type or format),
    /// each already the field's reason, so that the 400 names the field once, with that reason.
    /// </summary>
    public FieldErrors Settle()
    {
        settled.UnionWith(errors.Keys);
        return this;
    }

    /// <summary><paramref name="field"/> is <paramref name="outer"/> or lies in it (<c>lines[2].amount</c> in <c>lines</c> or <c>lines[2]</c>).</summary>
    private static bool Within(string field, string outer) =>
        field.StartsWith(outer, StringComparison.Ordinal) && (field.Length == outer.Length || field[outer.Length] is '.' or '[');

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
