using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Regions;

/// <summary>
/// The rule of a regional contract's participants: the lead (penvoerder) and the others are all members of ONE region, as
/// its version in force on the award date says. Pure: the regions are handed in.
/// </summary>
public static class RegionalParticipation
{
    public const string NotOneRegion = "contract.participants-not-one-region";

    /// <summary>
    /// The participation to record, or null for a contract of the lead alone (no participants, or only the lead). The
    /// caller has already refused malformed, unknown and duplicate codes and a list without the lead (400).
    /// </summary>
    public static ContractParticipantsRecorded? Decide(MunicipalityCode lead, IReadOnlyList<MunicipalityCode> participants,
        LocalDate awardedOn, IEnumerable<RegionHistory> regions)
    {
        if (participants.All(p => p == lead)) return null;
        // The first region (by code) whose version in force holds them all: two regions overlapping in all of them is not
        // the case for the shipped regions, and the order keeps the choice stable if it ever were.
        var region = regions.OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => r.InForceOn(awardedOn))
            .FirstOrDefault(v => v is not null && participants.All(v.Includes));
        if (region is null)
            throw new RuleViolation(NotOneRegion,
                $"The participating municipalities ({string.Join(", ", participants)}) are not all members of one region on the award date " +
                $"{awardedOn:yyyy-MM-dd}; see GET /api/v1/regions.", "participatingMunicipalities");
        // The lead first, then the others in the order given: the event keeps what procurement registered.
        return new ContractParticipantsRecorded(region.Code, region.Id, [lead, .. participants.Where(p => p != lead)]);
    }
}
