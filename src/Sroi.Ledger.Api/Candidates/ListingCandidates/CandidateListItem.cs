using System.ComponentModel;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates.ListingCandidates;

/// <summary>
/// A row of <c>GET /candidates</c>: what the WSP's list shows of a candidate, mapped from the same folded document as
/// <c>GET /candidates/{n}</c> (<see cref="CandidateView"/>), so the two never disagree. Pseudonymous: the ledger holds no
/// name, BSN or birth date, and a row shows none.
/// </summary>
public sealed record CandidateListItem(
    CandidateNumber CandidateNumber,
    MunicipalityCode Municipality,
    [property: Description("The trede in force: the latest recorded (registration or change).")] int Trede,
    [property: Description("The act of the candidate's municipal benefit; null when the candidate has none (as in `GET /candidates/{candidateNumber}`).")]
    BenefitAct? BenefitAct,
    [property: Description("Whether the WSP serves the candidate now.")] bool ServedByWsp,
    [property: Description("Placements neither withdrawn nor ended (no end recorded).")] int OpenPlacements,
    [property: Description("The candidate's version (the ETag of `GET /candidates/{candidateNumber}`; a change sends it as If-Match).")] long Version)
{
    public static CandidateListItem From(CandidateDocument document)
    {
        var candidate = CandidateView.From(document);
        return new(candidate.CandidateNumber, candidate.Municipality, candidate.Trede, candidate.BenefitAct, candidate.ServedByWsp,
            document.State.Placements.Count(p => !p.Withdrawn && p.EndedOn is null), candidate.Version);
    }
}

public sealed record CandidatePage(IReadOnlyList<CandidateListItem> Items, int Page, int PageSize, long Total);
