using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>What a plan line's amount counts. Serialised in kebab case.</summary>
public enum PlanUnit
{
    /// <summary>Places: distinct people placed (a candidate number counts once; a report without one counts as one person).</summary>
    Persons,
    /// <summary>Euros spent: the purchase amount excluding VAT, the training's cost.</summary>
    Euros,
    /// <summary>Hours of social activity.</summary>
    Hours,
}

/// <summary>The unit of each kind, and the building blocks a kind has (the blocks its reports are valued with).</summary>
public static class PlanUnits
{
    /// <summary>
    /// A plan speaks the contractor's language: "2 BBL places in 2025", "€ 20.000 social purchasing in 2026". So the kinds
    /// that put people to work count people, purchases and training count the euros spent (not the share of them the
    /// table values: that is the balance's business), and social activities count their hours.
    /// </summary>
    public static PlanUnit Of(FulfilmentKind kind) => kind switch
    {
        FulfilmentKind.Employment or FulfilmentKind.Internship or FulfilmentKind.Bbl or FulfilmentKind.WorkExperience => PlanUnit.Persons,
        FulfilmentKind.SocialProcurement or FulfilmentKind.Training => PlanUnit.Euros,
        FulfilmentKind.SocialActivity => PlanUnit.Hours,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
    };

    public static IReadOnlyList<BuildingBlockCode> BlocksOf(FulfilmentKind kind) => kind switch
    {
        FulfilmentKind.Employment =>
        [
            BuildingBlockCode.Participatiewet, BuildingBlockCode.Ww, BuildingBlockCode.Wia, BuildingBlockCode.Banenafspraak,
            BuildingBlockCode.NoBenefit, BuildingBlockCode.YoungWithoutQualification,
        ],
        FulfilmentKind.Internship => [BuildingBlockCode.InternshipMboHbo, BuildingBlockCode.InternshipVsoPro],
        FulfilmentKind.Bbl => [BuildingBlockCode.BblLevel2OrLower, BuildingBlockCode.BblLevel3OrHigher],
        FulfilmentKind.WorkExperience => [BuildingBlockCode.WorkExperience],
        _ => [],
    };

    /// <summary>The block a report is valued with, as <see cref="FulfilmentValuer"/> picks it; null for kinds without blocks.</summary>
    public static BuildingBlockCode? BlockOf(FulfilmentReport report) => report switch
    {
        FulfilmentReport.Employment e => FulfilmentValuer.BlockFor(e.TargetGroup),
        FulfilmentReport.Internship i => i.Level is InternshipLevel.Vso or InternshipLevel.Pro
            ? BuildingBlockCode.InternshipVsoPro : BuildingBlockCode.InternshipMboHbo,
        FulfilmentReport.Bbl b => b.Level <= 2 ? BuildingBlockCode.BblLevel2OrLower : BuildingBlockCode.BblLevel3OrHigher,
        FulfilmentReport.WorkExperience => BuildingBlockCode.WorkExperience,
        _ => null,
    };
}
