using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Issue 23, the rebuild while the ledger is written (Admin/ProjectionRebuild): what it needs of the projection beyond the
/// rows a candidate's events make (ReportRows/CandidateRowsFold): today's caseload count made whole, and the rows of a
/// candidate without a stream removed.
/// </summary>
public sealed partial class CandidateReportTables
{
    /// <summary>The one table shared by every candidate of a municipality (a count per day), which no candidate's rows can be deleted from.</summary>
    public const string CaseloadTable = "caseload_changes";

    /// <summary>
    /// Today's caseload count made from the current served pieces alone: what the statements of every event, netted,
    /// leave in an empty table (each adds what the pieces it adds count and takes off what those it retires counted), bar
    /// rows of 0, which they delete too. The statement of Schema/130's back-fill.
    /// </summary>
    public const string CaseloadOfCurrentPieces = $"""
        INSERT INTO {CaseloadTable} (municipality, day, trede, with_benefit, change)
        SELECT s.municipality, x.day, x.trede, x.with_benefit, sum(x.change)
        FROM candidate_status_spells s
        CROSS JOIN LATERAL caseload_changes_of(s.valid_from, s.valid_until, s.trede, s.registered_on, s.benefit_since, s.benefit_ended_on) x
        WHERE s.{Current} AND s.served
        GROUP BY s.municipality, x.day, x.trede, x.with_benefit
        HAVING sum(x.change) <> 0
        """;

    /// <summary>
    /// What the current served pieces of the candidates (<c>$2</c>, numbers of municipality <c>$1</c>) add to today's caseload,
    /// per day, trede and benefit: what <see cref="Remove"/> takes off.
    /// </summary>
    private const string CaseloadShare = $"""
        SELECT y.day, y.trede, y.with_benefit, sum(y.change)::int AS change
        FROM candidate_status_spells c,
             caseload_changes_of(c.valid_from, c.valid_until, c.trede, c.registered_on, c.benefit_since, c.benefit_ended_on) y
        WHERE c.municipality = $1 AND c.candidate_number = ANY ($2) AND c.{Current} AND c.served
        GROUP BY y.day, y.trede, y.with_benefit HAVING sum(y.change) <> 0
        """;

    /// <summary>
    /// The candidate's rows gone and its share of the caseload taken off. Plain text, not parsed: a rebuild also removes the
    /// rows of a candidate that has no stream (ProjectionRebuild), whatever they hold.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Remove(string m, string n)
    {
        yield return Statement($"""
            INSERT INTO {CaseloadTable} AS k (municipality, day, trede, with_benefit, change)
            SELECT $1, s.day, s.trede, s.with_benefit, -s.change FROM ({CaseloadShare}) s
            ORDER BY s.day, s.trede, s.with_benefit
            ON CONFLICT (municipality, day, trede, with_benefit) DO UPDATE SET change = k.change + excluded.change
            """, m, new[] { n });
        yield return ZeroCaseloadRows(m);
        foreach (var statement in RemoveRows(m, [n]))
            yield return statement;
    }

    /// <summary>The rows of the candidates (numbers of municipality <paramref name="m"/>) gone from every table but the caseload count: one statement a table.</summary>
    public static IEnumerable<NpgsqlBatchCommand> RemoveRows(string m, IReadOnlyList<string> numbers) =>
        Tables.Where(t => t != CaseloadTable)
            .Select(table => Statement($"DELETE FROM {table} WHERE municipality = $1 AND candidate_number = ANY ($2)", m, numbers.ToArray()));

    /// <summary>
    /// The candidates that have rows in the report tables but no stream, as (municipality, candidate number): rows no event
    /// explains (made by hand, or left by a deleted stream), which a rebuild removes as it makes every other row again.
    /// Each table's candidates apart (distinct in the order of its index by candidate), each against the streams, and only
    /// those without one united: a UNION of every table's candidates first hashed all of their rows together to find a few.
    /// </summary>
    public static string WithoutStream =>
        string.Join("\nUNION\n", Tables.Where(t => t != CaseloadTable).Select(WithoutStreamIn)) + "\nORDER BY 1, 2";

    private static string WithoutStreamIn(string table) => $"""
        SELECT r.municipality, r.candidate_number FROM (SELECT DISTINCT municipality, candidate_number FROM {table}) r
        WHERE NOT EXISTS (SELECT 1 FROM mt_streams s
                          WHERE s.tenant_id = r.municipality AND s.id = 'candidate-' || r.municipality || '-' || r.candidate_number)
        """;
}
