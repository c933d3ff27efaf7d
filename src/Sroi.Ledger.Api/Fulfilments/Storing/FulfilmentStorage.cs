using Marten;
using NpgsqlTypes;

namespace Sroi.Ledger.Api.Fulfilments.Storing;

/// <summary>
/// How Marten keeps <see cref="FulfilmentDocument"/>: the table <c>mt_doc_fulfilment</c> (conjoined: <c>tenant_id</c> is the
/// contract's municipality), with the columns a write's slice is found by, each indexed with the contract first so that a
/// contract of 2,000 reports answers a slice from a few index entries.
/// </summary>
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
            });
    }
}
