using Marten;
using Npgsql;
using Sroi.Ledger.Api.Candidates;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// A batch's candidate documents written by one statement (issue 23): <c>session.Store</c> of each made one upsert
/// statement a candidate (84,546 calls at 922,646 events, docs/benchmarks.md), each planned and run alone. The row is the
/// one Marten's own upsert of a projected document writes — its serializer's JSON, <c>mt_version</c> the stream's version
/// (Marten's <c>CASE WHEN revision = 0 THEN (SELECT version FROM mt_streams …)</c>, the revision a <c>Store</c> passes),
/// the type's full name and the transaction's time — for a set of rows. Only the rebuild writes through it, in the
/// session's transaction under the batch's stream locks; the inline fold stays Marten's.
/// </summary>
public static class CandidateDocumentsUpsert
{
    private const string Sql = """
        INSERT INTO mt_doc_candidatedocument (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified)
        SELECT $1, d.id, d.data::jsonb, coalesce(s.version, 1), $4, transaction_timestamp()
        FROM unnest($2::varchar[], $3::text[]) AS d(id, data)
        LEFT JOIN mt_streams s ON s.tenant_id = $1 AND s.id = d.id
        ON CONFLICT (tenant_id, id) DO UPDATE SET data = excluded.data, mt_version = excluded.mt_version,
            mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified
        """;

    public static async Task WriteAsync(IDocumentStore store, NpgsqlConnection connection, string tenant,
        IReadOnlyList<CandidateDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        var serializer = store.Options.Serializer();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = documents.Select(d => d.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = documents.Select(d => serializer.ToJson(d)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = typeof(CandidateDocument).FullName! });
        // Prepared: the one text comes back every batch (CandidateBatchRefold prepares its report statements for the same reason).
        await command.PrepareAsync(ct);
        await command.ExecuteNonQueryAsync(ct);
    }
}
