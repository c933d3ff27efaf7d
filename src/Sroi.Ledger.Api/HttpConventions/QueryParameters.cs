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

    public const string AsKnownOn = "asKnownOn";

    /// <summary>The first release's name of <see cref="AsKnownOn"/>, still accepted.</summary>
    public const string KnownOnAlias = "knownOn";

    /// <summary>
    /// <c>?asKnownOn=2024-06-30T12:00:00Z</c> (or its alias <c>?knownOn=</c>): a recorded moment, "as the ledger knew it
    /// then" — never a business date. Null when left out; both names with different values is a 400 naming both.
    /// </summary>
    public static Instant? OptionalAsKnownOn(HttpRequest request, FieldErrors errors)
    {
        var asKnownOn = OptionalInstant(request, AsKnownOn, errors);
        var knownOn = OptionalInstant(request, KnownOnAlias, errors);
        if (asKnownOn is { } one && knownOn is { } other && one != other)
        {
            const string message = "asKnownOn and its alias knownOn name different moments; give one of them.";
            errors.Add(AsKnownOn, message);
            errors.Add(KnownOnAlias, message);
            return null;
        }
        return asKnownOn ?? knownOn;
    }

    private static Instant? OptionalInstant(HttpRequest request, string name, FieldErrors errors)
    {
        if (request.Query[name].ToString() is not { Length: > 0 } text) return null;
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success && DateBounds.Contains(parsed.Value)) return parsed.Value;
        errors.Add(name, parsed.Success ? DateBounds.InstantMessage : "Expected an instant such as 2024-06-30T12:00:00Z.");
        return null;
    }

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

/// <summary>
/// <c>?asKnownOn=</c> (or its first release's alias <c>?knownOn=</c>): a recorded moment, "as the ledger knew it then" —
/// never a business date. Both with different values is a 400 naming both.
/// </summary>
public sealed record AsKnownOnQuery(
    [property: System.ComponentModel.Description("A recorded moment: the answer as the ledger knew it then.")] QueryInstant? AsKnownOn,
    [property: System.ComponentModel.Description("The first release's name of asKnownOn, still accepted."), Obsolete("Use asKnownOn.")] QueryInstant? KnownOn)
{
    public Instant? Read(FieldErrors errors)
    {
#pragma warning disable CS0618 // the alias is read on purpose
        var asKnownOn = AsKnownOn is { Text.Length: > 0 } one ? one.Read(QueryParameters.AsKnownOn, errors) : null;
        var knownOn = KnownOn is { Text.Length: > 0 } other ? other.Read(QueryParameters.KnownOnAlias, errors) : null;
#pragma warning restore CS0618
        if (asKnownOn is { } a && knownOn is { } k && a != k)
        {
            const string message = "asKnownOn and its alias knownOn name different moments; give one of them.";
            errors.Add(QueryParameters.AsKnownOn, message);
            errors.Add(QueryParameters.KnownOnAlias, message);
            return null;
        }
        return asKnownOn ?? knownOn;
    }
}

/// <summary><c>?municipality=</c> of a list that a key bound to a municipality reads only for its own (<see cref="Auth.MunicipalityScope"/>).</summary>
public sealed record MunicipalityQuery(
    [property: System.ComponentModel.Description("Only this municipality's (CBS code). A key bound to a municipality may name only its own; an admin sees all without it.")]
    QueryMunicipality? Municipality);
