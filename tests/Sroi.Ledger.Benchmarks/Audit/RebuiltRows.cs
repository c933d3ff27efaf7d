extern alias api;

using api::Sroi.Ledger.Api.Candidates;
using api::Sroi.Ledger.Api.EventLog;
using api::Sroi.Ledger.Api.Fulfilments;
using Marten;
using Npgsql;

namespace Sroi.Ledger.Benchmarks.Audit;

/// <summary>
/// Did the rebuild write its tables at all (issue 23)? Session 38's first cut committed nothing and answered 200, and the
/// harness's verification after it found nothing wrong, because the copy it rebuilt was already right. So the rows'
/// <c>xmin</c> (the transaction that wrote each row version) is compared with a transaction id taken just before the rebuild:
/// the rebuild replaces every row of these tables (each candidate's rows deleted and made again, every document upserted,
/// the claims and the caseload count deleted and made again), so after it no row may be older than that id, and the
/// tables must hold rows it wrote.
/// </summary>
public sealed class RebuiltRows(NpgsqlDataSource db, IReadOnlyList<string> tables, long before)
{
    /// <summary>The tables the rebuild while writable replaces whole: the candidates' report tables, the claims, the documents.</summary>
    public static IReadOnlyList<string> Tables(IDocumentStore store) =>
    [
        .. CandidateReportTables.Tables, .. InvoiceClaims.Tables,
        .. StreamKinds.All.Select(k => store.Options.FindOrResolveDocumentType(k.DocumentType).TableName.QualifiedName),
    ];

    /// <summary>Taken just before the rebuild: every row version written after it has a greater <c>xmin</c>.</summary>
    public static async Task<RebuiltRows> BeforeAsync(NpgsqlDataSource db, IReadOnlyList<string> tables)
    {
        await using var command = db.CreateCommand("SELECT pg_current_xact_id()::text::bigint");
        var xid = (long)(await command.ExecuteScalarAsync())!;
        // xmin is the 32-bit id without its epoch: past the first wraparound an older row could look newer. A benchmark's
        // cluster is nowhere near it (a few hundred thousand transactions); said, not guessed, if it ever is.
        if (xid > uint.MaxValue)
            throw new InvalidOperationException($"Transaction id {xid} is past the first wraparound: xmin cannot tell the rebuild's rows.");
        return new RebuiltRows(db, tables, xid);
    }

    /// <summary>Each table's rows after the rebuild, and how many of them are older than it; throws when any is, or none is new.</summary>
    public async Task<IReadOnlyList<(string Table, long Rows, long Older)>> CheckAsync()
    {
        var counts = new List<(string, long, long)>();
        foreach (var table in tables)
        {
            await using var command = db.CreateCommand($"SELECT count(*), count(*) FILTER (WHERE xmin::text::bigint <= $1) FROM {table}");
            command.Parameters.Add(new NpgsqlParameter { Value = before });
            await using var rows = await command.ExecuteReaderAsync();
            await rows.ReadAsync();
            counts.Add((table, rows.GetInt64(0), rows.GetInt64(1)));
        }
        var older = counts.Where(c => c.Item3 > 0).ToList();
        if (older.Count > 0)
            throw new InvalidOperationException("The rebuild left rows it did not write: " +
                string.Join(", ", older.Select(c => $"{c.Item1} {c.Item3:N0} of {c.Item2:N0}")));
        if (counts.Sum(c => c.Item2) == 0)
            throw new InvalidOperationException("The rebuild's tables are empty: nothing shows that it wrote anything.");
        return counts;
    }
}
