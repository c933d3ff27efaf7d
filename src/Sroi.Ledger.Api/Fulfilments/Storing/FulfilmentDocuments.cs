using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments.Storing;

/// <summary>
/// Keeps <see cref="FulfilmentDocument"/> inline, in the append's transaction (issue 23). A custom projection over the
/// contract streams, not a <c>SingleStreamProjection</c> (that keeps one document per stream) nor a multi-stream one (an event
/// changes reports it does not name: the accepted report whose pending correction it accepts). Per stream of the append, one
/// query loads the reports its report events name and those whose pending correction they name (<see cref="ReportSlice.Named"/>);
/// each event is evolved over its slice by the decider's own <see cref="FulfilmentDecider.Evolve"/>, and only the reports it
/// changed are written. The writer holds the stream's lock (Writing/LedgerWriter), so the slice read is the one decided on.
/// </summary>
public sealed class FulfilmentDocuments : IProjection
{
    /// <summary>The table this projection fills besides its documents (Schema/140), and so wipes before a rebuild.</summary>
    public const string StreamsTable = "fulfilment_streams";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var stream in events.Where(e => e.Data is IContractEvent).GroupBy(e => (e.TenantId, e.StreamKey)))
        {
            var contractId = stream.Key.StreamKey!;
            var (first, last) = (stream.Min(e => e.Version), stream.Max(e => e.Version));
            // The version the report documents are folded up to (Schema/140) moves with every contract append of this
            // build, report or not: a reader trusts the documents only at the contract document's own version.
            var foldedUpTo = await FoldedUpToAsync(operations, stream.Key.TenantId, contractId, cancellation);
            if (!stream.Any(e => ReportSlice.Named((IContractEvent)e.Data).Count > 0))
            {
                // No report changes: the documents stay as they are, and stay as trusted as they were (a lag stays a lag,
                // for the next report write to fold away).
                if (foldedUpTo == first - 1) operations.QueueOperation(Folded(stream.Key.TenantId, contractId, last));
                continue;
            }
            operations.QueueOperation(Folded(stream.Key.TenantId, contractId, last));
            var named = stream.SelectMany(e => ReportSlice.Named((IContractEvent)e.Data)).Distinct().ToArray();
            var known = (await operations.QueryAsync<FulfilmentDocument>(
                    "where tenant_id = ? and contract_id = ? and (id = ANY(?) or pending_correction = ANY(?))",
                    cancellation, stream.Key.TenantId, contractId, named, named))
                .ToDictionary(d => d.Id);
            var changed = new HashSet<Guid>();
            // Folded up to the version before this append (0: a new contract): no other build wrote in between.
            if (foldedUpTo == first - 1 && Covers(known, stream))
            {
                foreach (var e in stream.Where(e => ReportSlice.Named((IContractEvent)e.Data).Count > 0))
                    Apply(known, changed, contractId, e);
            }
            else
            {
                // A node of an earlier build (a rolling upgrade) wrote in between, or a report the events change has no
                // document (made before the back-fill ran): the contract's reports are folded from its events once, and
                // stored whole.
                var prior = await operations.Events.FetchStreamAsync(contractId, token: cancellation);
                known = Fold(contractId, prior.Where(e => e.Version < first).Concat(stream)).ToDictionary(d => d.Id);
                changed.UnionWith(known.Keys);
            }
            // In the stream's tenant (Marten's daemon hands one batch for every tenant's events).
            var tenant = operations.ForTenant(stream.Key.TenantId);
            foreach (var id in changed)
                tenant.Store(known[id]);
        }
    }

    /// <summary>The version of the contract's stream its report documents were last folded up to; 0 when never.</summary>
    public static async Task<long> FoldedUpToAsync(IQuerySession session, string tenant, string contractId, CancellationToken ct)
    {
        var versions = await session.QueryAsync<long>(
            $"select version from {StreamsTable} where tenant_id = ? and contract_id = ?", ct, tenant, contractId);
        return versions.Count == 0 ? 0 : versions[0];
    }

    /// <summary>
    /// Whether <paramref name="documents"/> report documents are every report the contract's stream made up to
    /// <paramref name="version"/> (one per <c>contract.fulfilment-reported.v1</c>). A reader of every report (a plan or PSO
    /// event's tally, totals folded afresh) asks this besides the version above: a document lost while that version is
    /// current (deleted by hand, a partial restore) is named by no event, so nothing else would notice it, and the tally would
    /// be taken without it, silently and, in a document without its list (issue 23, stage 3), for good. Counted in the
    /// stream's index range of <c>mt_events</c>, nothing deserialised: O(events), as reading every report is O(reports).
    /// </summary>
    public static async Task<bool> EveryReportAsync(IQuerySession session, string tenant, string contractId, int documents, long version,
        CancellationToken ct)
    {
        var made = await session.QueryAsync<long>("select count(*) from mt_events where tenant_id = ? and stream_id = ? and version <= ? and type = ?",
            ct, tenant, contractId, version, Contracts.ContractEventTypes.FulfilmentReported);
        return made[0] == documents;
    }

    /// <summary>The report documents of the contract are folded up to <paramref name="version"/>.</summary>
    public static QueuedStatement Folded(string tenant, string contractId, long version) => QueuedStatement.Of(
        $"INSERT INTO {StreamsTable} (tenant_id, contract_id, version) VALUES ($1, $2, $3) " +
        "ON CONFLICT (tenant_id, contract_id) DO UPDATE SET version = excluded.version", tenant, contractId, version);

    /// <summary>
    /// Whether every report the events name as one already made (the report reviewed, withdrawn or corrected) has its document
    /// in <paramref name="known"/> or is made by an earlier of these events.
    /// </summary>
    private static bool Covers(Dictionary<Guid, FulfilmentDocument> known, IEnumerable<IEvent> events)
    {
        var made = new HashSet<Guid>(known.Keys);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case FulfilmentReported { Replaces: { } old } when !made.Contains(old):
                    return false;
                case FulfilmentReported reported:
                    made.Add(reported.FulfilmentId);
                    break;
                case IContractEvent other when ReportSlice.Named(other).Any(id => !made.Contains(id)):
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// One report event over the reports <paramref name="known"/> holds (at least its slice): the reports it changed replace
    /// theirs there and are named in <paramref name="changed"/>; a new report takes the event's version as its position.
    /// </summary>
    public static void Apply(Dictionary<Guid, FulfilmentDocument> known, ISet<Guid> changed, string contractId, IEvent e)
    {
        var @event = (IContractEvent)e.Data;
        var named = ReportSlice.Named(@event);
        var before = new FulfilmentList([.. known.Values
            .Where(d => named.Contains(d.Id) || (d.PendingCorrection is { } c && named.Contains(c)))
            .OrderBy(d => d.Position)
            .Select(d => d.Report)]);
        foreach (var report in FulfilmentDecider.Evolve(before, @event).InOrder)
        {
            if (before.TryGetValue(report.Id, out var was) && was == report) continue;
            known[report.Id] = new FulfilmentDocument(report.Id, contractId, known.TryGetValue(report.Id, out var old) ? old.Position : e.Version, report);
            changed.Add(report.Id);
        }
    }

    /// <summary>
    /// A contract stream's report documents folded afresh, the way the contract's own state folds them
    /// (<see cref="ContractDecider.Evolve"/> over every event, as <see cref="Contracts.ContractFold"/> does): what the
    /// verification holds the stored ones to, and what the rebuild and the back-fill write. Independent of the slices, so it
    /// checks them.
    /// </summary>
    public static IReadOnlyList<FulfilmentDocument> Fold(string contractId, IEnumerable<IEvent> events)
    {
        var state = ContractState.Initial;
        var positions = new Dictionary<Guid, long>();
        foreach (var e in events)
        {
            if (e.Data is not IContractEvent change || (!state.Exists && change is not ContractRegistered)) continue;
            state = ContractDecider.Evolve(state, change);
            if (change is FulfilmentReported reported) positions[reported.FulfilmentId] = e.Version;
        }
        return [.. state.Fulfilments.InOrder.Select(f => new FulfilmentDocument(f.Id, contractId, positions[f.Id], f))];
    }

    /// <summary>
    /// The contract's report documents made again from its events in <paramref name="session"/> (its tenant's; the caller
    /// holds the stream's lock): each fold's document written over the stored one, any other report document of the contract
    /// deleted.
    /// </summary>
    public static async Task RefoldAsync(IDocumentSession session, string contractId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(contractId, token: ct);
        var documents = Fold(contractId, events);
        session.QueueOperation(QueuedStatement.Of(
            $"DELETE FROM {FulfilmentStorage.Table} WHERE tenant_id = $1 AND contract_id = $2 AND NOT (id = ANY($3))",
            session.TenantId, contractId, documents.Select(d => d.Id).ToArray()));
        foreach (var document in documents)
            session.Store(document);
        session.QueueOperation(Folded(session.TenantId, contractId, events.Count == 0 ? 0 : events[^1].Version));
    }
}
