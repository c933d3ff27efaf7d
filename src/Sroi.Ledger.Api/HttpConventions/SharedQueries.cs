using System.ComponentModel;
using NodaTime;

namespace Sroi.Ledger.Api.HttpConventions;

// Query records several endpoints share ([AsParameters]): each parameter is declared once, so that it has the same name,
// type and description on every operation of the OpenAPI document, and is read (and refused) the same way everywhere.

/// <summary>
/// <c>?asKnownOn=</c> (or its first release's alias <c>?knownOn=</c>): a recorded moment, "as the ledger knew it then" —
/// never a business date. Both with different values is a 400 naming both.
/// </summary>
public sealed record AsKnownOnQuery
{
    [Description("A recorded moment: the answer as the ledger knew it then.")]
    public QueryInstant? AsKnownOn { get; init; }

    // Not [Obsolete]: the request delegates generated at compile time set it (see the project file), which an obsolete
    // member would turn into a warning, so an error; the description says it is the old name.
    [Description("The first release's name of asKnownOn, still accepted.")]
    public QueryInstant? KnownOn { get; init; }

    public Instant? Read(FieldErrors errors)
    {
        var asKnownOn = AsKnownOn is { Text.Length: > 0 } one ? one.Read(QueryParameters.AsKnownOn, errors) : null;
        var knownOn = KnownOn is { Text.Length: > 0 } other ? other.Read(QueryParameters.KnownOnAlias, errors) : null;
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

/// <summary>
/// <c>?municipality=GM0603</c> of a read that covers one municipality or a list that may (Auth/MunicipalityScope says
/// whose: a key's own, or the one an admin names).
/// </summary>
public sealed record MunicipalityQuery
{
    [Description("A CBS municipality code such as GM0603. A key bound to a municipality reads its own and may name only that one; " +
        "an admin names the municipality (required for one municipality's data, optional for a list or feed: all of them).")]
    public QueryMunicipality? Municipality { get; init; }
}

/// <summary><c>?page=</c> and <c>?pageSize=</c> of a list: at most 100 a page.</summary>
public sealed record ListPageQuery
{
    [Description("Page number, from 1."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Items per page, 1 to 100."), DefaultValue(ListPageQuery.DefaultPageSize)]
    public QueryWholeNumber? PageSize { get; init; }

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The page and its size; a bad one is added to the errors (and the default given meanwhile).</summary>
    public (int Page, int PageSize) Read(FieldErrors errors) => QueryPaging.Read(Page, PageSize, DefaultPageSize, MaxPageSize, errors);
}

public static class QueryPaging
{
    /// <summary>
    /// <c>?page=</c> from 1 (at most as far as an int offset reaches) and <c>?pageSize=</c> from 1 to the maximum; a bad
    /// one adds "A whole number from 1 to …" under its name and gives the default.
    /// </summary>
    public static (int Page, int PageSize) Read(QueryWholeNumber? page, QueryWholeNumber? pageSize, int defaultPageSize, int maxPageSize, FieldErrors errors) =>
        (page?.Read("page", 1, int.MaxValue / maxPageSize, errors) ?? 1,
         pageSize?.Read("pageSize", 1, maxPageSize, errors) ?? defaultPageSize);
}
