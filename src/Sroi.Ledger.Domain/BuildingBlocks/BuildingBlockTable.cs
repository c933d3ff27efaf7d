using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.BuildingBlocks;

/// <summary>
/// The blocks of a building-block table (bouwblokkenmethode). Employment is valued by the candidate's target
/// group; internships and BBL by level; a work-experience place by its own block where a table has one.
/// </summary>
public enum BuildingBlockCode
{
    Participatiewet,
    Ww,
    Wia,
    Banenafspraak,
    NoBenefit,
    YoungWithoutQualification,
    InternshipMboHbo,
    InternshipVsoPro,
    BblLevel2OrLower,
    BblLevel3OrHigher,
    WorkExperience,
}

/// <summary>A block's value per person-year at full time, and for how many months one candidate counts (null: no limit).</summary>
public sealed record BuildingBlock(BuildingBlockCode Code, Money ValuePerYear, int? CapMonths);

/// <summary>Amounts per person-year added to a block ("with the block"), and the one-off bonus for hiring after a vso/PrO internship.</summary>
public sealed record BuildingBlockBonuses(Money Age55Plus, Money WorkLimitation, Money HiredAfterVsoInternship);

/// <summary>How a social enterprise is recognised; decides the share of its invoices that counts.</summary>
public enum SupplierRecognition
{
    CodeSocialeOndernemingen,
    SocialEnterpriseNl,
    None,
}

public sealed record SocialProcurementShare(SupplierRecognition Recognition, decimal Percentage);

/// <summary>
/// One version of a municipality's building-block table: from <see cref="EffectiveFrom"/> on, reports whose
/// period (or invoice, or activity) starts on or after it are valued with it. Versions are never edited.
/// </summary>
public sealed record BuildingBlockTable(
    MunicipalityCode Municipality,
    int Version,
    LocalDate EffectiveFrom,
    string Name,
    decimal HoursPerFullTimeWeek,
    IReadOnlyList<BuildingBlock> Blocks,
    BuildingBlockBonuses Bonuses,
    IReadOnlyList<SocialProcurementShare> SocialProcurementShares,
    Money? SocialActivityPerHour)
{
    /// <summary>Stable name recorded with every value computed under this version, e.g. GM0603-bouwblokken-v1.</summary>
    public string Id => $"{Municipality}-bouwblokken-v{Version}";

    public BuildingBlock? Block(BuildingBlockCode code) => Blocks.FirstOrDefault(b => b.Code == code);

    /// <summary>The share of an invoice that counts for a supplier so recognised; 0 when the table names none.</summary>
    public decimal ShareFor(SupplierRecognition recognition) =>
        SocialProcurementShares.FirstOrDefault(s => s.Recognition == recognition)?.Percentage ?? 0m;
}
