using Marten;
using Sroi.Ledger.Api.Fulfilments.Storing;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// The contract a command decides on (issue 23, stage 2; <see cref="Writing.LedgerStream{TDocument}.DecidesOn"/>): its
/// document with, in place of the report list, only the reports the command needs (<see cref="ReportSlice.Needs(ReportFulfilment)"/>),
/// read from the report documents (<see cref="FulfilmentDocument"/>) in the write's session, under the stream's lock, by
/// indexed columns; and its totals (<see cref="ContractState.Totals"/>), which the balance, the plan figures, PSO, the
/// monitoring and the settlement read instead of the list. So no decision reads the document's list, which the next
/// release stops writing (docs/architecture.md, "A contract's size").
/// </summary>
/// <remarks>
/// The document stores its totals (stage 3), so a decision reads them as they are. Totals the document does not hold (null)
/// are folded here, never decided on as none: a document a stage-2 node left without them (it stores none where there were
/// none) keeps every report, so they are folded from that list (in memory, already read; this write's fold stores them, so
/// once per contract); a document without its list (<see cref="ContractState.ReportsApart"/>, the operator's switch on) and without
/// current totals has them folded from every report document.
/// Where the report documents lag the contract's (a node of a build before them wrote it: <c>fulfilment_streams</c>), or the
/// report a command is on has no document, the reports are folded from the contract's events for the decision, as
/// <see cref="FulfilmentDocuments"/> then refolds them on the same write.
/// </remarks>
public static class ContractReports
{
    /// <summary>A command that reads no report (an amendment, a completion, a settlement): the totals only.</summary>
    public static Func<IDocumentSession, ContractDocument, CancellationToken, Task<ContractDocument>> None { get; } =
        (session, document, ct) => DecidedOnAsync(session, document, needs: null, every: false, ct);

    /// <summary>
    /// A report command: the reports <paramref name="needs"/> names (one query, whatever the contract's size).
    /// <paramref name="existing"/>: the report the command is on (a review, a withdrawal, a correction), which the contract
    /// may have without its document (made before the back-fill, or its document lost): then the reports are folded from the
    /// events for this decision, as the report documents' own projection folds them on this write.
    /// </summary>
    public static Func<IDocumentSession, ContractDocument, CancellationToken, Task<ContractDocument>> Needing(ReportNeeds needs, Guid? existing) =>
        (session, document, ct) => DecidedOnAsync(session, document, needs, every: false, ct, existing);

    /// <summary>
    /// A plan or PSO command: every report, since its event tallies the plan's lines or the purchases over all of them once
    /// (rare events: O(reports) there is the price).
    /// </summary>
    public static Func<IDocumentSession, ContractDocument, CancellationToken, Task<ContractDocument>> Every { get; } =
        (session, document, ct) => DecidedOnAsync(session, document, needs: null, every: true, ct);

    private static async Task<ContractDocument> DecidedOnAsync(IDocumentSession session, ContractDocument document, ReportNeeds? needs, bool every,
        CancellationToken ct, Guid? existing = null)
    {
        var state = document.State;
        if (needs is null && !every && state.Totals is not null)
            return document with { State = state with { Fulfilments = FulfilmentList.Empty, ReportsApart = false } };

        var trusted = await FulfilmentDocuments.FoldedUpToAsync(session, session.TenantId, document.Id, ct) == document.StreamVersion;
        FulfilmentList? whole = null;
        async Task<FulfilmentList> WholeAsync() => whole ??=
            trusted ? await AllAsync(session, document.Id, document.StreamVersion, ct) : await FoldedAsync(session, document.Id, ct);

        var totals = state.Totals
            ?? (state.ReportsApart ? ContractTotals.Of(await WholeAsync(), state.Plan, state.Pso) : ContractTotals.Of(state));
        var reports = every ? await WholeAsync()
            : needs is null ? FulfilmentList.Empty
            : trusted ? await SliceAsync(session, document.Id, needs, ct)
            : ReportSlice.Of(await WholeAsync(), needs);
        // The report named, or the report it replaces (the rule "correct the original" reads it), without its document:
        // folded from the events rather than decided on a slice without it (a KeyNotFoundException, a 500, for the latter).
        if (trusted && needs is not null && ((existing is { } named && !reports.ContainsKey(named)) || OriginalMissing(reports, needs)))
            reports = ReportSlice.Of(await FoldedAsync(session, document.Id, ct), needs);
        return document with { State = state with { Fulfilments = reports, Totals = totals, ReportsApart = false } };
    }

    private static bool OriginalMissing(FulfilmentList reports, ReportNeeds needs) =>
        ReportSlice.Replaced(reports, needs.Ids).Any(id => !reports.ContainsKey(id));

    /// <summary>
    /// What <paramref name="needs"/> covers (<see cref="ReportSlice.Of(FulfilmentList, ReportNeeds)"/>): the reports named, those
    /// whose pending correction is named, the candidate's counting reports, then the reports the named ones replace.
    /// </summary>
    private static async Task<FulfilmentList> SliceAsync(IDocumentSession session, string contractId, ReportNeeds needs, CancellationToken ct)
    {
        var ids = needs.Ids.ToArray();
        var found = (needs.Candidate is { } candidate
            ? await session.QueryAsync<FulfilmentDocument>(
                "where tenant_id = ? and contract_id = ? and (id = ANY(?) or pending_correction = ANY(?) or candidate = ?)",
                ct, session.TenantId, contractId, ids, ids, candidate.Value)
            : await session.QueryAsync<FulfilmentDocument>(
                "where tenant_id = ? and contract_id = ? and (id = ANY(?) or pending_correction = ANY(?))",
                ct, session.TenantId, contractId, ids, ids)).ToList();
        // The chains the named reports replace, back to their originals: a query a step, and a chain is a correction or two.
        // A report whose document is missing ends the loop; the caller then folds the events (OriginalMissing).
        for (var missing = Unread(found, ids); missing.Length > 0; missing = Unread(found, ids))
        {
            var more = await session.QueryAsync<FulfilmentDocument>("where tenant_id = ? and contract_id = ? and id = ANY(?)",
                ct, session.TenantId, contractId, missing);
            if (more.Count == 0) break;
            found.AddRange(more);
        }
        return ReportSlice.Of(ListOf(found), needs);
    }

    private static Guid[] Unread(List<FulfilmentDocument> found, Guid[] named)
    {
        var read = ListOf(found);
        return [.. ReportSlice.Replaced(read, named).Where(id => !read.ContainsKey(id))];
    }

    /// <summary>
    /// Every report document of the contract, when they are every report its stream made up to <paramref name="version"/>;
    /// else (one lost: named by no event, it would be left out of the tally unnoticed) the reports folded from the events.
    /// </summary>
    private static async Task<FulfilmentList> AllAsync(IDocumentSession session, string contractId, long version, CancellationToken ct)
    {
        var documents = await session.Query<FulfilmentDocument>().Where(d => d.ContractId == contractId).ToListAsync(ct);
        return await FulfilmentDocuments.EveryReportAsync(session, session.TenantId, contractId, documents.Count, version, ct)
            ? ListOf(documents)
            : await FoldedAsync(session, contractId, ct);
    }

    /// <summary>The contract's reports folded from its events (the report documents lag, or one is missing): O(events), rare.</summary>
    private static async Task<FulfilmentList> FoldedAsync(IDocumentSession session, string contractId, CancellationToken ct) =>
        ListOf(FulfilmentDocuments.Fold(contractId, await session.Events.FetchStreamAsync(contractId, token: ct)));

    private static FulfilmentList ListOf(IEnumerable<FulfilmentDocument> documents) =>
        new([.. documents.OrderBy(d => d.Position).Select(d => d.Report)]);
}
