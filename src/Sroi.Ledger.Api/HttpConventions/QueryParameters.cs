using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>Query parameters several endpoints share, read the same way everywhere (a bad value is a 400 naming it).</summary>
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

    /// <summary><c>?knownOn=2024-06-30T12:00:00Z</c>: the moment "as the ledger knew it"; null when left out.</summary>
    public static Instant? OptionalKnownOn(HttpRequest request, FieldErrors errors)
    {
        if (request.Query["knownOn"].ToString() is not { Length: > 0 } text) return null;
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success && DateBounds.Contains(parsed.Value)) return parsed.Value;
        errors.Add("knownOn", parsed.Success ? DateBounds.InstantMessage : "Expected an instant such as 2024-06-30T12:00:00Z.");
        return null;
    }
}
