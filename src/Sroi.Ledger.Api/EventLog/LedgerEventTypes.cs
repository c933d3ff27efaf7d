using Sroi.Ledger.Api.Ambitions;
using Sroi.Ledger.Api.BuildingBlocks;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Policies;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>Every event type of the ledger with its stable stored name, as each feature's map declares it.</summary>
public static class LedgerEventTypes
{
    public static IReadOnlyList<(Type Type, string Name)> All { get; } =
    [
        .. ContractEventTypes.Mapped,
        .. CandidateEventTypes.Mapped,
        .. PolicyEvents.Mapped,
        .. BuildingBlockEvents.Mapped,
        .. AmbitionEvents.Mapped,
        .. Programmes.ProgrammeEvents.Mapped,
        .. Pso.PsoEvents.Mapped,
    ];
}
