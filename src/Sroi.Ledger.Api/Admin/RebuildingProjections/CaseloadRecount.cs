using Npgsql;
using Sroi.Ledger.Api.Candidates;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// Today's caseload count (<c>caseload_changes</c>, Schema/130) summed again from the current status pieces, the last step of
/// a rebuild. Each candidate's refold takes its share off and adds it back, which keeps the count right while the rebuild
/// runs; but a share no stream explains (pieces made by hand, whose share was never added) would be taken off wrongly, and
/// the count is one table of every candidate, so it is made whole once more from what it is a function of. One
/// transaction under <c>SHARE ROW EXCLUSIVE</c>, as <see cref="InvoiceClaimsReplay"/>: readers read the old count until
/// the commit, and a writer's status statement (which changes the pieces and the count in one statement) waits at its
/// start; a writer that passed it before holds the table, so the lock waits for its commit and the sum sees its pieces.
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
