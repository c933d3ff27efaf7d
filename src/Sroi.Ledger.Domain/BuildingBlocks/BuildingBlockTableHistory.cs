using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.BuildingBlocks;

/// <summary>All versions of one municipality's building-block table; answers which one is in force on a date.</summary>
public sealed record BuildingBlockTableHistory(IReadOnlyList<BuildingBlockTable> Versions)
{
    public static BuildingBlockTableHistory Empty { get; } = new([]);

    public BuildingBlockTable? InForceOn(LocalDate date) =>
        Versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);

    public int NextVersionNumber => Versions.Count == 0 ? 1 : Versions.Max(v => v.Version) + 1;
}

/// <summary>The WSP or an administrator adds a table version. A change of values is a new version with its own date.</summary>
public sealed record AddBuildingBlockTable(
    MunicipalityCode Municipality,
    LocalDate EffectiveFrom,
    string Name,
    decimal HoursPerFullTimeWeek,
    IReadOnlyList<BuildingBlock> Blocks,
    BuildingBlockBonuses Bonuses,
    IReadOnlyList<SocialProcurementShare> SocialProcurementShares,
    Money? SocialActivityPerHour);

/// <summary>Event <c>building-block-table.version-added.v1</c>.</summary>
public sealed record BuildingBlockTableAdded(BuildingBlockTable Table);

public static class BuildingBlockTableDecider
{
    public static BuildingBlockTableAdded Decide(AddBuildingBlockTable command, BuildingBlockTableHistory history)
    {
        if (history.Versions.Any(v => v.EffectiveFrom == command.EffectiveFrom))
            throw new RuleViolation("building-block-table.duplicate-effective-date",
                $"{command.Municipality} already has a building-block table effective from {command.EffectiveFrom:yyyy-MM-dd}; " +
                "add one with another date.", "effectiveFrom");
        return new BuildingBlockTableAdded(new BuildingBlockTable(
            command.Municipality, history.NextVersionNumber, command.EffectiveFrom, command.Name, command.HoursPerFullTimeWeek,
            command.Blocks, command.Bonuses, command.SocialProcurementShares, command.SocialActivityPerHour));
    }

    public static BuildingBlockTableHistory Evolve(BuildingBlockTableHistory history, BuildingBlockTableAdded added) =>
        new([.. history.Versions, added.Table]);
}
