using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Folds the streams whose inline document is missing: the streams recorded before their fold was kept inline (a
/// database of an earlier release). Run at start-up. A stream without its document cannot be written to meanwhile
/// (its writer refuses a missing document with a 404), so the fold cannot be overtaken; the document is inserted, so a
/// node that started at the same time and got there first wins and the other skips it.
/// </summary>
public static class MissingDocuments
{
    /// <param name="streamPrefix">The streams of the fold, by the start of their name (<c>contract-</c>).</param>
    /// <returns>How many documents were folded.</returns>
    public static async Task<int> FoldAsync<TDocument>(IDocumentStore store, NpgsqlDataSource db, string streamPrefix, CancellationToken ct)
        where TDocument : class
    {
        // Marten's own table of the document, as the store maps it (an alias such as mt_doc_contract included).
        var table = store.Options.FindOrResolveDocumentType(typeof(TDocument)).TableName.QualifiedName;
        var missing = new List<(string Tenant, string Stream)>();
        await using (var command = db.CreateCommand($"""
            SELECT s.tenant_id, s.id FROM mt_streams s
            WHERE starts_with(s.id, $1)
              AND NOT EXISTS (SELECT 1 FROM {table} d WHERE d.tenant_id = s.tenant_id AND d.id = s.id)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamPrefix });
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                missing.Add((rows.GetString(0), rows.GetString(1)));
        }

        var folded = 0;
        foreach (var (tenant, stream) in missing)
        {
            await using var session = store.LightweightSession(tenant);
            if (await session.Events.AggregateStreamAsync<TDocument>(stream, token: ct) is not { } document) continue;
            session.Insert(document);
            try
            {
                await session.SaveChangesAsync(ct);
                folded++;
            }
            catch (JasperFx.DocumentAlreadyExistsException) { /* folded by another node a moment ago */ }
        }
        return folded;
    }
}
