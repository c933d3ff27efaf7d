using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// Keeps the <c>fulfilments</c> rows and the <c>fulfilment_invoices</c> claims in step with a contract's report
/// events, inline in the append's transaction. A row is the report as folded from its contract's stream.
/// </summary>
public static class FulfilmentProjection
{
    public const string InvoiceClaimConstraint = "fulfilment_invoices_pkey";

    public static IEnumerable<NpgsqlBatchCommand> For(Guid contractId, IReadOnlyList<IContractEvent> decided, ContractState after)
    {
        var touched = decided.SelectMany(Touches).Distinct().Select(id => after.Fulfilments[id]).ToList();
        // Release the invoices of reports that stopped counting before claiming new ones, so that a correction
        // may claim the invoice of the report it replaces.
        foreach (var released in touched.Where(f => !f.Counts && f.Report is FulfilmentReport.SocialProcurement))
            yield return ReleaseInvoice(released.Id);
        foreach (var reported in decided.OfType<FulfilmentReported>())
            if (reported.Report is FulfilmentReport.SocialProcurement purchase)
                yield return ClaimInvoice(purchase, reported.FulfilmentId);
        foreach (var report in touched)
            yield return Upsert(contractId, report);
    }

    public static string Document(Guid contractId, Fulfilment report) =>
        JsonSerializer.Serialize(FulfilmentView.From(contractId, report), LedgerJson.Options);

    public static bool IsInvoiceAlreadyClaimed(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: InvoiceClaimConstraint };

    /// <summary>An invoice is the same whatever its spelling of case and surrounding space.</summary>
    public static string InvoiceKey(string invoiceNumber) => invoiceNumber.Trim().ToUpperInvariant();

    private static IEnumerable<Guid> Touches(IContractEvent e) => e switch
    {
        FulfilmentReported { Replaces: { } old } r => [old, r.FulfilmentId],
        FulfilmentReported r => [r.FulfilmentId],
        FulfilmentAccepted a => [a.FulfilmentId],
        FulfilmentRejected r => [r.FulfilmentId],
        FulfilmentWithdrawn w => [w.FulfilmentId],
        _ => [],
    };

    private static NpgsqlBatchCommand Upsert(Guid contractId, Fulfilment report)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO fulfilments (id, contract_id, kind, status, value_cents, candidate_number, document)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, document = excluded.document
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = report.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = contractId });
        command.Parameters.Add(new NpgsqlParameter { Value = KebabEnumConverter<FulfilmentKind>.NameOf(report.Report.Kind) });
        command.Parameters.Add(new NpgsqlParameter { Value = KebabEnumConverter<FulfilmentStatus>.NameOf(report.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = report.Valuation.Value.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)report.Report.Work?.Candidate?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = Document(contractId, report) });
        return command;
    }

    private static NpgsqlBatchCommand ClaimInvoice(FulfilmentReport.SocialProcurement purchase, Guid reportId)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO fulfilment_invoices (supplier_kvk, invoice_number, fulfilment_id) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = purchase.Supplier.KvkNumber.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = InvoiceKey(purchase.InvoiceNumber) });
        command.Parameters.Add(new NpgsqlParameter { Value = reportId });
        return command;
    }

    private static NpgsqlBatchCommand ReleaseInvoice(Guid reportId)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM fulfilment_invoices WHERE fulfilment_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = reportId });
        return command;
    }
}
