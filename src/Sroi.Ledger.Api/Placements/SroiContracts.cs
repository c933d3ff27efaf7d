using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Placements;

/// <summary>
/// Finds the SROI contract a placement names, in the candidate's municipality. Read from the contract's first event
/// (<c>contract.registered.v1</c>, a pinned shape that never changes) rather than from the contracts read table, so
/// the placement depends on no read-model column; its scope never changes, so it is copied into the placement.
/// </summary>
public static class SroiContracts
{
    public static async Task<ContractLookup> LookupAsync(LedgerEvents store, MunicipalityCode municipality, Guid? contractId, CancellationToken ct)
    {
        if (contractId is not { } id) return new ContractLookup.None();
        var events = await store.ReadStreamAsync(municipality, ContractEventTypes.StreamOf(id), ct: ct);
        return events is [{ EventType: ContractEventTypes.Registered } first, ..]
            && ContractEventTypes.Deserialize(first.EventType, first.Data) is ContractRegistered registered
            && registered.Municipality == municipality
            ? new ContractLookup.Found(new SroiContractRef(id, registered.Scope))
            : new ContractLookup.Unknown(id);
    }
}
