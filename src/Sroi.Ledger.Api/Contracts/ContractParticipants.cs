using System.Text.Json;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// Issue 21: a regional contract lives in the lead's tenant (its stream, its document, its chain) and is read by the other
/// participants' WSP and auditor. Their reads find it through the document's <c>participants</c> column
/// (<see cref="ContractDocument.Participants"/>) and are then judged here; their writes open the contract's stream in
/// their own tenant, where it is not, so a participant reviewing or settling is the same 404 as any other municipality.
/// </summary>
public static class ContractParticipants
{
    /// <summary>The roles of a participant that read the contract: those who follow its fulfilment (issue 21).</summary>
    public static readonly Role[] Readers = [Role.Wsp, Role.Auditor];

    /// <summary>Whether the caller reads the contract as a participant (not its lead).</summary>
    public static bool Reads(Caller caller, ContractState contract) =>
        caller.Municipality is { } municipality && Readers.Contains(caller.Role) && contract.HasParticipant(municipality);

    /// <summary>Whether the caller's role reads the contracts its municipality takes part in.</summary>
    public static bool ReadsParticipations(Caller caller) => caller.Municipality is not null && Readers.Contains(caller.Role);

    /// <summary>The column's value: the participants other than the lead, or null.</summary>
    public static string? Json(ContractState state) => state.Participation is { } participation
        ? JsonSerializer.Serialize(participation.Participants.Where(m => m != state.Municipality).Select(m => m.Value))
        : null;

    /// <summary>
    /// SQL: the row of <paramref name="alias"/> is the municipality's own or one it takes part in; <paramref name="parameter"/>
    /// is its CBS code as text.
    /// </summary>
    public static string OwnOrTakingPart(string alias, string parameter, bool takingPart) => takingPart
        ? $"({alias}tenant_id = {parameter} OR {alias}participants @> jsonb_build_array({parameter}::text))"
        : $"{alias}tenant_id = {parameter}";

    public static IEnumerable<MunicipalityCode> Others(ContractState state) =>
        state.Participation?.Participants.Where(m => m != state.Municipality) ?? [];
}
