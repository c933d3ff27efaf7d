using Microsoft.OpenApi;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates.ListingCandidates;

/// <summary>
/// <c>?q=1002</c>: the start of a candidate number, in the numbers' own alphabet. So it needs no escaping in a LIKE
/// pattern (no %, _ or \ can reach it), and anything else is a 400 rather than a search that can never match.
/// </summary>
public readonly record struct QueryNumberPrefix(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Pattern = CandidateNumber.Pattern };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryNumberPrefix value) { value = new(text ?? ""); return text is not null; }

    public string? Read(string name, FieldErrors errors)
    {
        if (Text.Length is > 0 and <= CandidateNumber.MaxLength && Text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return Text;
        errors.Add(name, $"1 to {CandidateNumber.MaxLength} letters, digits or hyphens: the start of a candidate number.");
        return null;
    }
}
