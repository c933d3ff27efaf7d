using System.ComponentModel;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates.ListingCandidates;

/// <summary>The filters and page of <c>GET /candidates</c>; each is optional (an admin's municipality apart), and every bad one is named in one 400.</summary>
public sealed record CandidateListQuery(
    [property: Description("A CBS municipality code such as GM0603. A wsp key lists its own municipality and may name only that one; an admin names the municipality (required).")]
    QueryMunicipality? Municipality,
    [property: Description("Only candidates whose number starts with this text (1 to 20 letters, digits or hyphens; case does not matter).")]
    QueryNumberPrefix? Q,
    [property: Description("Only candidates whose trede in force (the latest recorded) is this one, 1 to 6.")]
    QueryWholeNumber? Trede,
    [property: Description("Only candidates with a municipal benefit under this act (as `benefitAct` in the item: a candidate without a municipal benefit has none).")]
    QueryChoice<BenefitAct>? BenefitAct,
    [property: Description("Only candidates the WSP serves now (true) or no longer serves (false).")]
    QueryFlag? ServedByWsp,
    [property: Description("Page number, from 1."), DefaultValue(1)] QueryWholeNumber? Page,
    [property: Description("Candidates per page, 1 to 100."), DefaultValue(ListPageQuery.DefaultPageSize)] QueryWholeNumber? PageSize);
