using System.ComponentModel;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates.ListingCandidates;

/// <summary>The filters and page of <c>GET /candidates</c>; each is optional (an admin's municipality apart), and every bad one is named in one 400.</summary>
public sealed record CandidateListQuery
{
    [Description("A CBS municipality code such as GM0603. A wsp key lists its own municipality and may name only that one; an admin names the municipality (required).")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("Only candidates whose number starts with this text (1 to 20 letters, digits or hyphens; case does not matter).")]
    public QueryNumberPrefix? Q { get; init; }

    [Description("Only candidates whose trede in force (the latest recorded) is this one, 1 to 6.")]
    public QueryWholeNumber? Trede { get; init; }

    [Description("Only candidates with a municipal benefit under this act (as `benefitAct` in the item: a candidate without a municipal benefit has none).")]
    public QueryChoice<BenefitAct>? BenefitAct { get; init; }

    [Description("Only candidates the WSP serves now (true) or no longer serves (false).")]
    public QueryFlag? ServedByWsp { get; init; }

    [Description("Page number, from 1."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Candidates per page, 1 to 100."), DefaultValue(ListPageQuery.DefaultPageSize)]
    public QueryWholeNumber? PageSize { get; init; }
}
