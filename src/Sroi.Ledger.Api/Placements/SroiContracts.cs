using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Placements;

/// <summary>
/// Finds the SROI contract a placement names: in the candidate's municipality, or a regional contract it takes part in
/// (issue 21), which lives in the lead's. Read from the contract's first events (<c>contract.registered.v1</c> and, for a
/// regional contract, <c>contract.participants-recorded.v1</c>: pinned shapes that never change) rather than from the
/// contracts read table, so the placement depends on no read-model column; only the lead's tenant is looked up in the
/// table, and the events then decide. Its scope never changes, so it is copied into the placement.
/// </summary>
public static class SroiContracts
{
    public static async Task<ContractLookup> LookupAsync(LedgerEvents store, NpgsqlDataSource db, MunicipalityCode municipality, Guid? contractId,
        CancellationToken ct)
    {
        if (contractId is not { } id) return new ContractLookup.None();
        var stream = ContractEventTypes.StreamOf(id);
        // Only the registration (and the participants recorded with it) decides, so only the stream's first two events
        // are read: a contract's stream grows with every fulfilment, and an import of SROI placements looks up one per row.
        var events = await store.ReadStreamStartAsync(municipality, stream, 2, ct);
        if (events is [{ EventType: ContractEventTypes.Registered } first, ..]
            && ContractEventTypes.Deserialize(first.EventType, first.Data) is ContractRegistered registered
            && registered.Municipality == municipality)
            return new ContractLookup.Found(new SroiContractRef(id, registered.Scope));
        if (await LeadOfAsync(db, id, municipality, ct) is not { } lead) return new ContractLookup.Unknown(id);

        // The participants are recorded in the registration's own append, right after it.
        var leads = await store.ReadStreamStartAsync(lead, stream, 2, ct);
        return leads is [{ EventType: ContractEventTypes.Registered } registration, { EventType: ContractEventTypes.ParticipantsRecorded } participation, ..]
            && ContractEventTypes.Deserialize(registration.EventType, registration.Data) is ContractRegistered regional
            && ContractEventTypes.Deserialize(participation.EventType, participation.Data) is ContractParticipantsRecorded recorded
            && recorded.Participants.Contains(municipality)
            ? new ContractLookup.Found(new SroiContractRef(id, regional.Scope))
            : new ContractLookup.Unknown(id);
    }

    /// <summary>The municipality that leads contract <paramref name="id"/> when <paramref name="participant"/> takes part in it.</summary>
    private static async Task<MunicipalityCode?> LeadOfAsync(NpgsqlDataSource db, Guid id, MunicipalityCode participant, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"SELECT tenant_id FROM {ContractStorage.Table} WHERE id = $1 AND participants @> jsonb_build_array($2::text) LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ContractEventTypes.StreamOf(id).Value });
        command.Parameters.Add(new NpgsqlParameter { Value = participant.Value });
        return await command.ExecuteScalarAsync(ct) is string tenant ? MunicipalityCode.Parse(tenant) : null;
    }
}
