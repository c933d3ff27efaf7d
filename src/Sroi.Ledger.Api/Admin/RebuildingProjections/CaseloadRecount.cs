using Npgsql;
using Sroi.Ledger.Api.Candidates;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// Today's caseload count (<c>caseload_changes</c>, Schema/130) summed again from the current status pieces, the last step of
/// a rebuild, and the only one that writes it: the candidates' batches leave it alone (<see cref="CandidateBatchRefold"/>).
/// While the batches run, the count is what it was before the rebuild, moved by each writer's status statement by the
/// pieces that writer changes (a writer's delta is against the pieces as they are then, refolded or not, so it is right
/// either way); where the rebuild repairs a candidate's pieces, the count follows here. Session 38's batches took each
/// candidate's share off and added it back instead: a read and an upsert a batch on the rows (a few thousand days) every
/// batch and writer of the municipality shares, where they queued on each other (docs/benchmarks.md). One transaction
/// under <c>SHARE ROW EXCLUSIVE</c>, as <see cref="InvoiceClaimsReplay"/>: readers read the old count until the commit, and
/// a writer's status statement (which changes the pieces and the count in one statement) waits at its start; a writer that
/// passed it before holds the table, so the lock waits for its commit and the sum sees its pieces.
/// </summary>
public static class CaseloadRecount
{
    /// <returns>How many rows the count holds.</returns>
    public static async Task<int> RunAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var clear = new NpgsqlCommand($"LOCK TABLE {CandidateReportTables.CaseloadTable} IN SHARE ROW EXCLUSIVE MODE; DELETE FROM {CandidateReportTables.CaseloadTable}", connection, transaction))
            await clear.ExecuteNonQueryAsync(ct);
        await using var count = new NpgsqlCommand(CandidateReportTables.CaseloadOfCurrentPieces, connection, transaction) { CommandTimeout = 0 };
        var rows = await count.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return rows;
    }
}
