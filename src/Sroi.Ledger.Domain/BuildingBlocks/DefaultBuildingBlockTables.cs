using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.BuildingBlocks;

/// <summary>
/// The table shipped with the service: the building blocks the 11 municipalities of Haaglanden and
/// Zuid-Holland Centraal use for contracts from 1 July 2023 (denhaag.nl, "Social return bouwblokken";
/// docs/domain.md), recorded for Rijswijk. The published table has no block for a work-experience place
/// and no value for social activities, so neither is invented here: such reports are valued €0 with that
/// reason until a municipality adds a version that has them. Social purchasing counts 100% for an enterprise
/// in the Code Sociale Ondernemingen register, 50% for a Social Enterprise NL member, nothing otherwise.
/// </summary>
public static class DefaultBuildingBlockTables
{
    public static AddBuildingBlockTable Haaglanden2023(MunicipalityCode municipality) => new(
        municipality,
        new LocalDate(2023, 7, 1),
        "Haaglanden en Zuid-Holland Centraal, opdrachten vanaf 1 juli 2023",
        36m,
        [
            new(BuildingBlockCode.NoBenefit, Euros(5_000), 12),
            new(BuildingBlockCode.YoungWithoutQualification, Euros(10_000), 12),
            new(BuildingBlockCode.InternshipMboHbo, Euros(5_000), 12),
            new(BuildingBlockCode.InternshipVsoPro, Euros(7_500), 24),
            new(BuildingBlockCode.BblLevel2OrLower, Euros(25_000), 24),
            new(BuildingBlockCode.BblLevel3OrHigher, Euros(15_000), 36),
            new(BuildingBlockCode.Ww, Euros(20_000), 12),
            new(BuildingBlockCode.Wia, Euros(30_000), 24),
            new(BuildingBlockCode.Participatiewet, Euros(40_000), 24),
            new(BuildingBlockCode.Banenafspraak, Euros(50_000), null),
        ],
        new BuildingBlockBonuses(Euros(10_000), Euros(10_000), Euros(25_000)),
        [
            new(SupplierRecognition.CodeSocialeOndernemingen, 100m),
            new(SupplierRecognition.SocialEnterpriseNl, 50m),
            new(SupplierRecognition.None, 0m),
        ],
        null);

    private static Money Euros(decimal euros) => Money.FromEuros(euros);
}
