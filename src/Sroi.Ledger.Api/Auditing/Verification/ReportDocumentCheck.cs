using Npgsql;
using Sroi.Ledger.Api.Fulfilments.Storing;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>A contract stream's report documents as its events fold (<see cref="FulfilmentDocuments.Fold"/>), by its place in the stream list.</summary>
internal sealed record ReportFold(int Index, string Tenant, string Stream, long Last, IReadOnlyList<FulfilmentDocument> Documents);

/// <summary>
/// The stored report documents (<see cref="FulfilmentDocument"/>, issue 23) against a fresh fold of their contracts' events:
/// one query per slice of streams, comparing as jsonb in PostgreSQL (key order and number spelling aside). A report
/// document edited, deleted or added behind the ledger's back is named with its report's id. Only where the readers trust
/// them: a contract whose documents are folded up to its stream's last version (<see cref="FulfilmentDocuments.StreamsTable"/>,
/// in the same snapshot). A node of an earlier build that wrote to a contract (a rolling upgrade) leaves them behind, by
/// design, until this build's next write folds them again; nothing reads them meanwhile (the readers take the contract's
/// own document, which is verified as every document is), and a contract last written then may never be written again, so
/// naming them would report a healthy ledger as tampered with for good.
/// </summary>
internal static class ReportDocumentCheck
{
    public static async Task<List<(int Index, long Last, string Code, string Detail)>> ProblemsAsync(NpgsqlTransaction snapshot, Marten.ISerializer serializer,
        IReadOnlyList<ReportFold> folds, CancellationToken ct)
    {
        var problems = new List<(int, long, string, string)>();
        if (folds.Count == 0) return problems;
        var reports = folds.SelectMany(f => f.Documents.Select(d => (Fold: f, Document: d))).ToList();
        await using var command = new NpgsqlCommand($"""
            WITH c AS (SELECT c.* FROM unnest($1::int[], $2::varchar[], $3::varchar[], $7::bigint[]) AS c (i, tenant_id, contract_id, last)
                        JOIN {FulfilmentDocuments.StreamsTable} v ON v.tenant_id = c.tenant_id AND v.contract_id = c.contract_id AND v.version = c.last),
                 f AS (SELECT * FROM unnest($4::int[], $5::uuid[], $6::text[]) AS f (i, id, folded) WHERE f.i IN (SELECT i FROM c)),
                 s AS (SELECT c.i, d.id, d.data FROM c JOIN {FulfilmentStorage.Table} d ON d.tenant_id = c.tenant_id AND d.contract_id = c.contract_id)
            SELECT coalesce(f.i, s.i), coalesce(f.id, s.id), s.id IS NULL, f.id IS NULL
            FROM f FULL JOIN s ON s.i = f.i AND s.id = f.id
            WHERE s.id IS NULL OR f.id IS NULL OR s.data <> f.folded::jsonb
            ORDER BY 1, 2
            """, snapshot.Connection, snapshot);
        command.Parameters.Add(new NpgsqlParameter { Value = folds.Select(f => f.Index).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = folds.Select(f => f.Tenant).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = folds.Select(f => f.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.Fold.Index).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.Document.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = reports.Select(r => serializer.ToJson(r.Document)).ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = folds.Select(f => f.Last).ToArray() });
        var last = folds.ToDictionary(f => f.Index, f => f.Last);
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var (index, report, missing, unexpected) = (rows.GetInt32(0), rows.GetGuid(1), rows.GetBoolean(2), rows.GetBoolean(3));
            problems.Add(missing
                ? (index, last[index], "report-document.missing", $"The events fold to report {report}, but no document of it is stored.")
                : unexpected
                    ? (index, last[index], "report-document.unexpected", $"A document of report {report} is stored, but the events fold to no such report.")
                    : (index, last[index], "report-document.differs", $"The stored document of report {report} differs from the fold of the events."));
        }
        return problems;
    }
}
