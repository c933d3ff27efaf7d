using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Query parameters read by hand, for the Wolverine endpoints not yet on typed query records (SharedQueries has the
/// records); a bad value is a 400 naming it. Goes when its last caller is converted.
/// </summary>
public static class QueryParameters
{
    public const string MunicipalityMessage = "Expected a CBS municipality code such as GM0603.";

    /// <summary><c>?municipality=GM0603</c>: null when left out; a bad code adds the error and gives null.</summary>
    public static MunicipalityCode? OptionalMunicipality(HttpRequest request, FieldErrors errors)
    {
        if (request.Query["municipality"].ToString() is not { Length: > 0 } text) return null;
        if (MunicipalityCode.TryParse(text, out var code)) return code;
        errors.Add("municipality", MunicipalityMessage);
        return null;
    }

    public const string AsKnownOn = "asKnownOn";

    /// <summary>The first release's name of <see cref="AsKnownOn"/>, still accepted.</summary>
    public const string KnownOnAlias = "knownOn";

    /// <summary><c>?page=</c> and <c>?pageSize=</c>: whole numbers from 1; a bad one adds the error and gives the default.</summary>
    public static (int Page, int PageSize) Paging(HttpRequest request, int defaultPageSize, int maxPageSize, FieldErrors errors) =>
        (PositiveInt(request.Query["page"], "page", 1, int.MaxValue / maxPageSize, errors),
         PositiveInt(request.Query["pageSize"], "pageSize", defaultPageSize, maxPageSize, errors));

    private static int PositiveInt(Microsoft.Extensions.Primitives.StringValues raw, string field, int fallback, int max, FieldErrors errors)
    {
        if (raw.Count == 0) return fallback;
        if (int.TryParse(raw.ToString(), out var value) && value >= 1 && value <= max) return value;
        errors.Add(field, $"A whole number from 1 to {max}.");
        return fallback;
    }
}
