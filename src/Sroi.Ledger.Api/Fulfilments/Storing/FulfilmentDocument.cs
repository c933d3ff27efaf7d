using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments.Storing;

/// <summary>
/// One report of a contract, a document of its own (issue 23: a contract's write cost flat in its size): a write reads and
/// rewrites the few reports its event touches (<see cref="ReportSlice"/>), not all of them. Kept inline by
/// <see cref="FulfilmentDocuments"/> in the contract's tenant, keyed by the report's id.
/// </summary>
/// <param name="ContractId">The contract's stream, <c>contract-&lt;guid&gt;</c> (the contract document's id).</param>
/// <param name="Position">
/// The version of the contract's stream at which the report was made: the reports of a contract in this order are the order
/// they were reported in (the order of <see cref="FulfilmentList.InOrder"/>).
/// </param>
/// <param name="Report">The report as folded from its events (<see cref="FulfilmentDecider.Evolve"/>).</param>
public sealed record FulfilmentDocument(Guid Id, string ContractId, long Position, Fulfilment Report)
{
    // The columns the slice and the list read, duplicated from the report (get-only: not stored in the JSON a second time).
    public Guid? PendingCorrection => Report.PendingCorrection;

    /// <summary>The candidate of a counting report of work: a decision reads the candidate's other reports (overlap, cap).</summary>
    public string? Candidate => Report.Counts ? Report.Report.Work?.Candidate?.Value : null;
}
