using Marten;
using Sroi.Ledger.Api.Candidates;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// A batch's candidate documents written by one statement (issue 23): <c>session.Store</c> of each made one upsert
/// statement a candidate (84,546 calls at 922,646 events, docs/benchmarks.md), each parsed, planned and run alone. The row
/// is the one Marten's own upsert of a projected document writes — its serializer's JSON, <c>mt_version</c> the stream's
/// version (Marten's <c>CASE WHEN revision = 0 THEN (SELECT version FROM mt_streams …)</c>, the revision a <c>Store</c>
/// passes), the type's full name and the transaction's time — for a set of rows; a row that holds all that already is left
/// as it is, so a rebuild of right read models writes no document. The documents compare as jsonb's text, not as jsonb
/// values: jsonb's equality is numeric (<c>31.5</c> equals <c>31.50</c>), its text keeps a number as written, and the API
/// prints what the document holds. Only the rebuild writes through it.
/// </summary>
public static class CandidateDocumentsUpsert
{
    private const string Sql = """
        INSERT INTO mt_doc_candidatedocument (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified)
        SELECT d.tenant_id, d.id, d.data::jsonb, coalesce(s.version, 1), ?, transaction_timestamp()
        FROM unnest(?::varchar[], ?::varchar[], ?::text[]) AS d(tenant_id, id, data)
        LEFT JOIN mt_streams s ON s.tenant_id = d.tenant_id AND s.id = d.id
        ON CONFLICT (tenant_id, id) DO UPDATE SET data = excluded.data, mt_version = excluded.mt_version,
            mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified
        WHERE (mt_doc_candidatedocument.data::text, mt_doc_candidatedocument.mt_version, mt_doc_candidatedocument.mt_dotnet_type)
              IS DISTINCT FROM (excluded.data::text, excluded.mt_version, excluded.mt_dotnet_type)
        """;

    /// <summary>
    /// Queued on the session (Marten's <c>QueueSqlCommand</c>), not sent beside it: it is then one of the session's own
    /// operations, run in its transaction when it commits, and a session with an operation commits — without one (every
    /// candidate written here, none deleted) Marten's <c>SaveChangesAsync</c> has nothing to do and the transaction was
    /// rolled back on dispose, the batch's work with it (the Rebuild tests caught it).
    /// </summary>
    public static void Queue(IDocumentSession session, string tenant, IReadOnlyList<CandidateDocument> documents)
    {
        if (documents.Count == 0) return;
        var serializer = session.DocumentStore.Options.Serializer();
        session.QueueSqlCommand(Sql, typeof(CandidateDocument).FullName!, documents.Select(_ => tenant).ToArray(),
            documents.Select(d => d.Id).ToArray(), documents.Select(d => serializer.ToJson(d)).ToArray());
    }
}
