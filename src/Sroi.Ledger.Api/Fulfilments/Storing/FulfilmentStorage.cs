using Marten;
using NpgsqlTypes;

namespace Sroi.Ledger.Api.Fulfilments.Storing;

/// <summary>
/// How Marten keeps <see cref="FulfilmentDocument"/>: the table <c>mt_doc_fulfilment</c> (conjoined: <c>tenant_id</c> is the
/// contract's municipality), with the columns a write's slice is found by, each indexed.
/// </summary>
/// <remarks>
/// The indexes are on the one column each, not "the contract first" as the <c>Columns</c> below ask: Marten builds a
/// duplicated column's index on that column whatever <c>Columns</c> says (pg_indexes on a prepared database, session 35). It
/// does not cost the slice: <c>id = ANY(..) OR pending_correction = ANY(..)</c> is answered by the primary key
/// (<c>tenant_id, id</c>) and the partial index, a few index entries whatever the contract's size (EXPLAIN: 10 buffers in a
/// contract of 2,000 reports among 102,000); the list reads the contract's reports by <c>contract_id</c> and sorts them
/// (2,000 in 1.3 MB of memory). Composite indexes would need <c>IgnoreIndex</c> and a numbered script, as the worklist's.
/// </remarks>
public static class FulfilmentStorage
{
    public const string Table = "mt_doc_fulfilment";

    public static void Configure(StoreOptions options)
    {
        options.Schema.For<FulfilmentDocument>()
            .DocumentAlias("fulfilment")
            // The list of a contract's reports, in the order they were reported.
            .Duplicate(d => d.ContractId, configure: index => index.Columns = ["contract_id", "position"])
            // Marten gives every duplicated column an index; this one's is not read (the one above orders the list).
            .Duplicate(d => d.Position, pgType: "bigint", dbType: NpgsqlDbType.Bigint)
            // The accepted report a correction awaits review for: its acceptance supersedes it.
            .Duplicate(d => d.PendingCorrection, configure: index =>
            {
                index.Columns = ["contract_id", "pending_correction"];
                index.Predicate = "pending_correction IS NOT NULL";
            })
            // A candidate's counting reports of work: the overlap of periods and the cap per candidate read them.
            .Duplicate(d => d.Candidate, configure: index =>
            {
                index.Columns = ["contract_id", "candidate"];
                index.Predicate = "candidate IS NOT NULL";
            })
            // The worklist's index of the reports awaiting review is its script's (an expression index; Marten would drop an
            // index of its table it was not told about).
            .IgnoreIndex(Worklist.WorklistOrderSchema.PendingReportsIndex);
    }
}
