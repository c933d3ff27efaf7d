using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// One supplier invoice counts once, across all contracts and municipalities, while the report that claims it still counts
/// (pending or accepted). The claims are rows of <c>fulfilment_invoices</c> (Schema/005, 057), keyed by (supplier KvK, invoice
/// number): a second claim fails on that primary key inside the append's transaction, which the writer answers with a 409.
/// An inline event projection: each report event queues its statements in the append's batch, after the contract's document.
/// The events say all this needs, and the table remembers the rest, so the rows are a pure function of the events (a rebuild
/// wipes the table and replays them):
/// <list type="bullet">
/// <item>A report that stops counting (rejected, withdrawn, or a pending one replaced by a correction) releases its claim first,
/// so that a correction may claim the invoice of the report it replaces.</item>
/// <item>An accepted report keeps counting until its correction is accepted (issue 17), and so keeps its claim: the row is
/// marked <c>corrected_by</c> the correction, and shared by it when the correction claims the same invoice. The correction's
/// acceptance passes a shared row to it and drops an unshared one; its rejection or withdrawal leaves the accepted report's
/// claim as it was.</item>
/// </list>
/// </summary>
public sealed class InvoiceClaims : EventProjection
{
    public const string PrimaryKey = "fulfilment_invoices_pkey";

    /// <summary>The table this projection fills, and so wipes before a rebuild.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["fulfilment_invoices"];

    public InvoiceClaims()
    {
        IncludeType<FulfilmentReported>();
        IncludeType<FulfilmentAccepted>();
        IncludeType<FulfilmentRejected>();
        IncludeType<FulfilmentWithdrawn>();
        // Without this a rebuild replays every claim onto the rows already there and fails on the primary key (issue 17):
        // the daemon only clears what a projection names for its teardown.
        foreach (var table in Tables)
            Options.DeleteDataInTableOnTeardown(table);
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        foreach (var statement in For(e.Data))
            operations.QueueOperation(statement);
        return ValueTask.CompletedTask;
    }

    /// <summary>The statements of one report event, in order (anything else: none).</summary>
    public static IEnumerable<QueuedStatement> For(object e)
    {
        switch (e)
        {
            case FulfilmentReported { Replaces: { } old } correction:
                // A claim of a report that was not accepted goes with it; an accepted one's stays, awaiting the correction
                // (as does the claim of the accepted report whose pending correction is corrected here).
                yield return QueuedStatement.Of("DELETE FROM fulfilment_invoices WHERE fulfilment_id = $1 AND NOT accepted", old);
                yield return QueuedStatement.Of("""
                    UPDATE fulfilment_invoices SET corrected_by = $2, correction_shares = false
                    WHERE (fulfilment_id = $1 AND accepted) OR corrected_by = $1
                    """, old, correction.FulfilmentId);
                if (correction.Report is FulfilmentReport.SocialProcurement purchase)
                {
                    var (kvk, invoice) = Key(purchase);
                    // The same invoice as the accepted report it would replace: one row, shared; else a claim of its own.
                    yield return QueuedStatement.Of("""
                        UPDATE fulfilment_invoices SET correction_shares = true
                        WHERE corrected_by = $1 AND supplier_kvk = $2 AND invoice_number = $3
                        """, correction.FulfilmentId, kvk, invoice);
                    yield return QueuedStatement.Of("""
                        INSERT INTO fulfilment_invoices (supplier_kvk, invoice_number, fulfilment_id)
                        SELECT $1, $2, $3 WHERE NOT EXISTS
                            (SELECT 1 FROM fulfilment_invoices WHERE corrected_by = $3 AND supplier_kvk = $1 AND invoice_number = $2)
                        """, kvk, invoice, correction.FulfilmentId);
                }
                break;
            case FulfilmentReported { Report: FulfilmentReport.SocialProcurement claimed } reported:
                var (supplier, number) = Key(claimed);
                yield return QueuedStatement.Of("INSERT INTO fulfilment_invoices (supplier_kvk, invoice_number, fulfilment_id) VALUES ($1, $2, $3)",
                    supplier, number, reported.FulfilmentId);
                break;
            case FulfilmentAccepted accepted:
                yield return QueuedStatement.Of("UPDATE fulfilment_invoices SET accepted = true WHERE fulfilment_id = $1", accepted.FulfilmentId);
                // The report it corrects is replaced now: a shared claim passes to the correction, any other claim of it goes.
                yield return QueuedStatement.Of("""
                    UPDATE fulfilment_invoices SET fulfilment_id = $1, accepted = true, corrected_by = NULL, correction_shares = false
                    WHERE corrected_by = $1 AND correction_shares
                    """, accepted.FulfilmentId);
                yield return QueuedStatement.Of("DELETE FROM fulfilment_invoices WHERE corrected_by = $1", accepted.FulfilmentId);
                break;
            case FulfilmentRejected rejected:
                foreach (var statement in Dropped(rejected.FulfilmentId))
                    yield return statement;
                break;
            case FulfilmentWithdrawn withdrawn:
                foreach (var statement in Dropped(withdrawn.FulfilmentId))
                    yield return statement;
                break;
        }
    }

    public static bool IsInvoiceAlreadyClaimed(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PrimaryKey };

    /// <summary>An invoice is the same whatever its spelling of case and surrounding space.</summary>
    public static string InvoiceKey(string invoiceNumber) => invoiceNumber.Trim().ToUpperInvariant();

    private static (string Kvk, string Invoice) Key(FulfilmentReport.SocialProcurement purchase) =>
        (purchase.Supplier.KvkNumber.Value, InvoiceKey(purchase.InvoiceNumber));

    /// <summary>A report that will not count (rejected or withdrawn while pending): its own claim goes, and the accepted report it
    /// would have replaced keeps its claim as it was.</summary>
    private static IEnumerable<QueuedStatement> Dropped(Guid report) =>
    [
        QueuedStatement.Of("DELETE FROM fulfilment_invoices WHERE fulfilment_id = $1", report),
        QueuedStatement.Of("UPDATE fulfilment_invoices SET corrected_by = NULL, correction_shares = false WHERE corrected_by = $1", report),
    ];
}
