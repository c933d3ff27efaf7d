namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>Validation errors by field path (e.g. <c>contractor.kvkNumber</c>), collected before anything is written.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public static FieldErrors One(string field, string message) => new FieldErrors().Add(field, message);

    public FieldErrors Add(string field, string message)
    {
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

    /// <summary>
    /// Free text is screened by PersonalNumberGuard (elfproef); identifiers (<paramref name="freeText"/> false) are not, since
    /// about one random 9-digit case number in eleven passes the elfproef.
    /// </summary>
    public bool RequiredText(string field, string? value, int maxLength = 500, bool freeText = true)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Required."); return false; }
        if (value.Length > maxLength) { Add(field, $"At most {maxLength} characters."); return false; }
        if (freeText && PersonalNumberGuard.ContainsBsn(value)) { Add(field, PersonalNumberGuard.Message); return false; }
        return true;
    }

    public bool OptionalText(string field, string? value, int maxLength = 500) =>
        value is null || RequiredText(field, value, maxLength);

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
