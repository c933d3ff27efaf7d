using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>A municipality's building-block table versions are one stream, so a new version is decided against all earlier ones.</summary>
public static class BuildingBlockEvents
{
    public const string VersionAdded = "building-block-table.version-added.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(BuildingBlockTableAdded), VersionAdded)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"building-block-table-{municipality}");
}
