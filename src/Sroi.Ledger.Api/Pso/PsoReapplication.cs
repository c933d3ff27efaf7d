using Marten;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Attributes;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Pso;

/// <summary>
/// "Look at the PSO terms of these contracts again": sent through Wolverine's outbox in the transaction of what may change
/// them, and handled on a durable local queue once that committed (<see cref="PsoReapplicationHandler"/>). Which contracts:
/// <list type="bullet">
/// <item><paramref name="ContractId"/>: that one (it was registered, or reported a social purchase from a supplier).</item>
/// <item>else <paramref name="Organisation"/>: the contracts of which it is the contractor, and those with a social
/// purchase from it as the supplier (its certificates were recorded, corrected or withdrawn).</item>
/// <item>else every contract of the municipality (a policy version was added).</item>
/// </list>
/// Settled contracts are left as they were decided on, always.
/// </summary>
/// <param name="Cause">What changed: it becomes the event's <c>cause</c> and its reason in the metadata.</param>
public sealed record ReapplyPso(string Municipality, string? Organisation, Guid? ContractId, string Cause)
{
    public static ReapplyPso ForCertificates(MunicipalityCode municipality, KvkNumber organisation, string cause) =>
        new(municipality.Value, organisation.Value, null, cause);

    public static ReapplyPso ForContract(MunicipalityCode municipality, Guid contractId, string cause) =>
        new(municipality.Value, null, contractId, cause);

    public static ReapplyPso ForPolicy(MunicipalityCode municipality, string cause) => new(municipality.Value, null, null, cause);
}

/// <summary>
/// Decides each affected contract's PSO terms from the certificates and policy versions as they are now
/// (<see cref="ContractPsoDecider"/>) and appends <c>contract.pso-applied.v1</c> to the contract's own stream when they
/// changed: the contract's fold then decides its obligation, and its ETag moves. Each contract is its own transaction,
/// under the stream's lock that every writer takes (<see cref="LedgerWriter"/>), with the notifications and the deadline
/// check the change brings. Idempotent: a contract whose terms are already these gets nothing, so Wolverine may run a
/// message twice (a retry after a crash) and a retry after a failure half-way only does the rest.
/// </summary>
public static class PsoReapplicationHandler
{
    /// <summary>Who the events name as their actor: the service itself, reacting to a WSP's or an admin's write.</summary>
    public const string Actor = "system:pso";

    [WolverineHandler]
    public static async Task HandleAsync(ReapplyPso message, IDocumentStore store, LedgerEvents events, NpgsqlDataSource db,
        IWolverineRuntime messaging, IClock clock, CancellationToken ct)
    {
        var municipality = MunicipalityCode.Parse(message.Municipality);
        var policies = await SroiPolicies.HistoryAsync(store, municipality, ct);
        var certificates = new CertificateCache(store, municipality);
        foreach (var contractId in await AffectedAsync(db, municipality, message, ct))
            await ApplyAsync(store, events, db, messaging, clock, municipality, contractId, policies, certificates, message.Cause, ct);
    }

    /// <summary>The contracts of the municipality (its tenant: a regional contract is its lead's) that are not settled and may be affected.</summary>
    private static async Task<IReadOnlyList<Guid>> AffectedAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReapplyPso message,
        CancellationToken ct)
    {
        if (message.ContractId is { } one) return [one];
        // The contractor by the list's column; a supplier by the suppliers the document's totals keep (every supplier of a
        // social purchase, ContractTotals.Suppliers), or where a stage-2 node left no totals in the report list the document
        // then holds whole (any depth below the reports: the shape of a report is the report's own). Not by the list alone:
        // once the operator's switch is on the document is written without it (issue 23, stage 3), and such a contract was
        // never found (ReportsApartAttackTests).
        var byOrganisation = message.Organisation is null ? "" : """
             AND (contractor_kvk = $2 OR data -> 'state' -> 'totals' -> 'suppliers' @> jsonb_build_array($2::text)
                  OR jsonb_path_exists(data -> 'state' -> 'fulfilments', '$.** ? (@.supplier.kvkNumber == $kvk)',
                                       jsonb_build_object('kvk', $2::text)))
            """;
        await using var command = db.CreateCommand(
            $"SELECT id FROM {ContractStorage.Table} WHERE tenant_id = $1 AND fixed_status IS DISTINCT FROM $3 {byOrganisation} ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Organisation ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = ContractStorage.Column(Domain.Balance.BalanceStatus.Settled) });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (reader.GetString(0) is { } id && id.StartsWith("contract-", StringComparison.Ordinal) && Guid.TryParse(id["contract-".Length..], out var guid))
                ids.Add(guid);
        return ids;
    }

    private static async Task ApplyAsync(IDocumentStore store, LedgerEvents events, NpgsqlDataSource db, IWolverineRuntime messaging, IClock clock,
        MunicipalityCode municipality, Guid contractId, SroiPolicyHistory policies, CertificateCache certificates, string cause, CancellationToken ct)
    {
        var stream = ContractWrites.Stream(contractId, municipality);
        // First without the lock, on what the message's start read: most contracts of a policy change or a supplier's
        // certificate stay as they are.
        var current = await MunicipalityDocuments.LoadAsync<ContractDocument>(store, municipality, stream.Id, ct);
        if (current is null || await DecideAsync(current, policies, certificates, cause, ct) is null) return;

        await using var session = events.OpenSession(municipality, new EventMetadata(Actor, Reason: cause));
        await LedgerWriter.LockAsync(session, stream, ct);
        var fetched = await session.Events.FetchForExclusiveWriting<ContractDocument>(stream.Id.Value, ct);
        // Decided again on what is there now, read under the lock: a message handled beside this one (a later correction of
        // the certificate) either wrote before this read, or waits for this write and then decides on its own reads.
        if (fetched.Aggregate is not { } document) return;
        var fresh = new CertificateCache(store, municipality);
        if (await DecideAsync(document, await SroiPolicies.HistoryAsync(store, municipality, ct), fresh, cause, ct) is not { } applied) return;
        var version = fetched.StartingVersion ?? 0;
        var now = clock.GetCurrentInstant();
        // The new terms tally the purchases over every report once (ContractDecider.Evolve): the answer's fold reads them all.
        var decidedOn = await ContractReports.Every(session, document, ct);
        var decision = ContractWrites.Decide(decidedOn.State, version, [applied], new ContractMoment(now, BusinessCalendar.DateOf(now), null),
            (_, _) => true);
        fetched.AppendOne(applied);
        await Notifications.NotificationOutbox.EnrolAsync(messaging, db, session, decision.Notifications, decision.FollowUps, ct);
        // A writer that bypassed the lock won: Wolverine tries the message again, and this contract is decided anew.
        await events.SaveAsync(session, municipality, stream.Id, version, ct);
    }

    private static async Task<ContractPsoApplied?> DecideAsync(ContractDocument document, SroiPolicyHistory policies, CertificateCache certificates,
        string cause, CancellationToken ct)
    {
        var contract = document.State;
        // A municipality whose policy never gave PSO an effect, and a contract PSO never touched: nothing to look up.
        if (contract.Pso is null && !policies.Versions.Any(v => v.Pso is not null)) return null;
        foreach (var organisation in ContractPsoDecider.SuppliersOf(contract).Prepend(contract.Contractor!.KvkNumber))
            await certificates.LoadAsync(organisation, ct);
        return ContractPsoDecider.Decide(contract, policies, certificates.Of, cause);
    }

    /// <summary>The certificates of each organisation in the municipality, read once per message.</summary>
    private sealed class CertificateCache(IDocumentStore store, MunicipalityCode municipality)
    {
        private readonly Dictionary<KvkNumber, PsoCertificates?> read = [];

        public async Task LoadAsync(KvkNumber organisation, CancellationToken ct)
        {
            if (!read.ContainsKey(organisation))
                read[organisation] = (await PsoCertificateStore.ReadAsync(store, municipality, organisation, asKnownOn: null, ct))?.Certificates;
        }

        public PsoCertificates? Of(KvkNumber organisation) => read.GetValueOrDefault(organisation);
    }
}
