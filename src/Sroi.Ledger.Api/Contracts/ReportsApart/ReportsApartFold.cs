using JasperFx.Events;
using Marten;
using Sroi.Ledger.Api.Fulfilments.Storing;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Contracts.ReportsApart;

/// <summary>
/// The inline fold of a contract whose document is written without its report list (issue 23, stage 3; the switch:
/// <see cref="ReportsApartSwitch"/>). Each event is evolved by the unchanged <see cref="ContractDecider.Evolve"/> over the
/// reports it reads, loaded from the report documents (<see cref="FulfilmentDocument"/>) in the write's transaction, under
/// the stream's lock, as the write path's deciders load theirs (<see cref="ContractReports"/>): a report event its slice
/// (<see cref="ReportSlice.Named"/>: one indexed query, whatever the contract's size), so the stored totals move by that
/// slice and the document written is the same size at the thousandth report as at the first; a plan or PSO event every
/// report (it tallies them once; rare). The report documents are read as they were before this append (their own
/// projection's writes run in the same batch, after), so what this fold changed is held in memory
/// (<see cref="ContractDocument.Held"/>) for the append's later events.
/// </summary>
/// <remarks>
/// Where the report documents are not to be trusted (they lag the contract's document, <c>fulfilment_streams</c>: a node of a
/// build before them wrote; or a report an event names has none), the reports are folded from the stream's events once,
/// as <see cref="FulfilmentDocuments"/> then folds its own. Totals a stage-2 node left null beside <c>reportsApart</c> (its
/// fold cannot move them) are folded again from every report.
/// </remarks>
public static class ReportsApartFold
{
    /// <summary><paramref name="e"/> folded onto <paramref name="document"/>, which is stored or an earlier event's of this fold.</summary>
    public static async Task<ContractDocument> EvolveAsync(ContractDocument document, IQuerySession session, IEvent e, IContractEvent change,
        CancellationToken ct)
    {
        var id = document.Id;
        var state = document.State;
        var held = document.Held ?? (state.ReportsApart ? ReportsHeld.None(document.StreamVersion) : ReportsHeld.Of(id, state.Fulfilments));
        var named = ReportSlice.Named(change);
        var every = change is Domain.Plans.PlanSubmitted or Domain.Plans.PlanApproved or Domain.Plans.PlanReturned or Domain.Pso.ContractPsoApplied
            || state.Totals is null;
        if (!held.Complete && (every || named.Count > 0))
        {
            var trusted = await FulfilmentDocuments.FoldedUpToAsync(session, session.TenantId, id, ct) == held.Stored;
            var read = trusted ? await ReadAsync(session, id, every ? null : named, ct) : null;
            // Every report read: as many as the stream made, or one was lost (ReportsApartAttackTests) and the events are folded.
            if (read is not null && every && !await FulfilmentDocuments.EveryReportAsync(session, session.TenantId, id, read.Count, held.Stored, ct))
                read = null;
            held = read is not null ? held.With(read, complete: every) : await FoldedAsync(session, id, held, ct);
            if (!Covers(held, change)) held = await FoldedAsync(session, id, held, ct);
        }
        var reports = held.List;
        // The totals without the reports awaiting review (O(pending): the worklist reads those from their documents), so
        // that moving them by the slice costs the slice too.
        var totals = (state.Totals ?? ContractTotals.Of(reports, state.Plan, state.Pso)) with { Pending = [] };
        var before = state with { Fulfilments = reports, ReportsApart = false, Totals = totals };
        var after = ContractDecider.Evolve(before, change);
        var oldest = await OldestPendingAsync(session, id, document.PendingSince, reports, after.Fulfilments, held.Complete, ct);
        var apart = after with { Fulfilments = FulfilmentList.Empty, ReportsApart = true, Totals = after.Totals! with { Pending = [] } };
        return ContractDocument.Of(id, apart, e.Version, document) with { Held = held.After(id, after.Fulfilments, e.Version), OldestPendingOn = oldest };
    }

    /// <summary>
    /// A contract registered while the switch is on, written without its (empty) list from its first write; the append's
    /// later events fold apart over nothing held but what they make.
    /// </summary>
    public static ContractDocument Registered(ContractDocument registered) => registered with
    {
        State = registered.State with { ReportsApart = true },
        Held = new ReportsHeld(System.Collections.Immutable.ImmutableDictionary<Guid, FulfilmentDocument>.Empty, Complete: true),
    };

    /// <summary>
    /// <paramref name="whole"/>, a fold's document with the whole list, as this fold writes it: without the list, the totals
    /// without the reports awaiting review, and the day the oldest of those was made. What the verification holds a stored
    /// document without its list to.
    /// </summary>
    public static ContractDocument Apart(ContractDocument whole) => whole with
    {
        State = whole.State with
        {
            Fulfilments = FulfilmentList.Empty,
            ReportsApart = true,
            Totals = whole.State.Totals is { } totals ? totals with { Pending = [] } : null,
        },
        OldestPendingOn = whole.PendingSince,
        Held = null,
    };

    /// <summary>
    /// The predicate of the report documents' index of those awaiting review (sroi_fulfilment_pending, Worklist/worklist_order.sql),
    /// on the table's alias <paramref name="f"/> (empty: unqualified): a query with this predicate may read that index.
    /// </summary>
    public static string PendingWhere(string f = "") => $"({Of(f)}data -> 'report' ->> 'status') = 'pending'";

    /// <summary>That index's key after the contract: the day the report was made, as ISO text (in the order of the days).</summary>
    public static string ReportedOnKey(string f = "") => $"({Of(f)}data -> 'report' ->> 'reportedOn')";

    private static string Of(string alias) => alias.Length == 0 ? "" : alias + ".";

    /// <summary>
    /// The day the contract's oldest report awaiting review was made, after an event turned the reports held from
    /// <paramref name="before"/> into <paramref name="after"/>: <paramref name="was"/> the stored document's. A report only
    /// leaves "pending" (and a new one comes in): only when one of the oldest leaves is the next oldest read, the first entry
    /// of the pending reports' index beyond those held here (which are newer in memory than in their documents).
    /// </summary>
    private static async Task<NodaTime.LocalDate?> OldestPendingAsync(IQuerySession session, string contractId, NodaTime.LocalDate? was,
        FulfilmentList before, FulfilmentList after, bool complete, CancellationToken ct)
    {
        static bool Pending(Fulfilment f) => f.Status == FulfilmentStatus.Pending;
        var held = after.InOrder.Where(Pending).Select(f => (NodaTime.LocalDate?)f.ReportedOn).Min();
        if (complete) return held;
        var left = before.InOrder.Where(f => Pending(f) && !(after.TryGetValue(f.Id, out var now) && Pending(now)));
        if (!left.Any(f => was is null || f.ReportedOn <= was)) return Min(was, held);
        var stored = await session.QueryAsync<string>(
            $"select {ReportedOnKey()} from {FulfilmentStorage.Table} where tenant_id = ? and contract_id = ? and {PendingWhere()} " +
            $"and not (id = ANY(?)) order by {ReportedOnKey()} limit 1", ct, session.TenantId, contractId, after.InOrder.Select(f => f.Id).ToArray());
        return Min(stored.Count == 0 ? null : NodaTime.Text.LocalDatePattern.Iso.Parse(stored[0]).Value, held);
    }

    private static NodaTime.LocalDate? Min(NodaTime.LocalDate? a, NodaTime.LocalDate? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Whether every report <paramref name="change"/> names as already made is held (a new report's own id is not).</summary>
    private static bool Covers(ReportsHeld held, IContractEvent change) =>
        ReportSlice.Named(change).Where(r => !(change is FulfilmentReported made && made.FulfilmentId == r)).All(held.Reports.ContainsKey);

    /// <summary>The reports <paramref name="named"/> names and those whose pending correction it names; every report when null.</summary>
    private static async Task<IReadOnlyList<FulfilmentDocument>> ReadAsync(IQuerySession session, string contractId, IReadOnlyList<Guid>? named,
        CancellationToken ct)
    {
        if (named is null)
            return await session.QueryAsync<FulfilmentDocument>("where tenant_id = ? and contract_id = ?", ct, session.TenantId, contractId);
        var ids = named.ToArray();
        return await session.QueryAsync<FulfilmentDocument>(
            "where tenant_id = ? and contract_id = ? and (id = ANY(?) or pending_correction = ANY(?))", ct, session.TenantId, contractId, ids, ids);
    }

    /// <summary>
    /// Every report folded from the stream's events up to the stored document's version (a write's own events are not
    /// committed yet; Marten's daemon, rebuilding, may have stored later ones), under what is held.
    /// </summary>
    private static async Task<ReportsHeld> FoldedAsync(IQuerySession session, string contractId, ReportsHeld held, CancellationToken ct) =>
        held.With(FulfilmentDocuments.Fold(contractId, await session.Events.FetchStreamAsync(contractId, version: held.Stored, token: ct)), complete: true);
}
