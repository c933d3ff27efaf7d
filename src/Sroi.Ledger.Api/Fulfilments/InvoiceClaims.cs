using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// One supplier invoice counts once, across all contracts and municipalities, while the report that claims it still counts
/// (pending or accepted). The claims are rows of <c>fulfilment_invoices</c> (Schema/005), keyed by (supplier KvK, invoice
/// number): a second claim fails on that primary key inside the append's transaction, which the writer answers with a 409.
/// An inline event projection: each report event queues its statement in the append's batch, after the contract's document.
/// A report that stops counting (rejected, withdrawn, replaced by a correction) releases its claim first, so that a correction
/// may claim the invoice of the report it replaces. The events say all this needs: the claim is in the report's event, and a
/// release deletes by report id (a no-op for a report that claimed nothing).
/// </summary>
public sealed class InvoiceClaims : EventProjection
{
    public const string PrimaryKey = "fulfilment_invoices_pkey";

    /// <summary>The table this projection fills, and so wipes before a rebuild.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["fulfilment_invoices"];

    public InvoiceClaims()
    {
        IncludeType<FulfilmentReported>();
        IncludeType<FulfilmentRejected>();
        IncludeType<FulfilmentWithdrawn>();
        // Without this a rebuild replays every claim onto the rows already there and fails on the primary key (issue 17):
        // the daemon only clears what a projection names for its teardown.
        foreach (var table in Tables)
            Options.DeleteDataInTableOnTeardown(table);
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case FulfilmentReported reported:
                if (reported.Replaces is { } replaced) operations.QueueOperation(Release(replaced));
                if (reported.Report is FulfilmentReport.SocialProcurement purchase) operations.QueueOperation(Claim(purchase, reported.FulfilmentId));
                break;
            case FulfilmentRejected rejected:
                operations.QueueOperation(Release(rejected.FulfilmentId));
                break;
            case FulfilmentWithdrawn withdrawn:
                operations.QueueOperation(Release(withdrawn.FulfilmentId));
                break;
        }
        return ValueTask.CompletedTask;
    }

    public static bool IsInvoiceAlreadyClaimed(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PrimaryKey };

    /// <summary>An invoice is the same whatever its spelling of case and surrounding space.</summary>
    public static string InvoiceKey(string invoiceNumber) => invoiceNumber.Trim().ToUpperInvariant();

    private static QueuedStatement Claim(FulfilmentReport.SocialProcurement purchase, Guid reportId)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO fulfilment_invoices (supplier_kvk, invoice_number, fulfilment_id) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = purchase.Supplier.KvkNumber.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = InvoiceKey(purchase.InvoiceNumber) });
        command.Parameters.Add(new NpgsqlParameter { Value = reportId });
        return new QueuedStatement(command);
    }

    private static QueuedStatement Release(Guid reportId)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM fulfilment_invoices WHERE fulfilment_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = reportId });
        return new QueuedStatement(command);
    }
}
