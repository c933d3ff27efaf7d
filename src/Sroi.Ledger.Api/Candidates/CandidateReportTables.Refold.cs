using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Issue 23, the rebuild while the ledger is written (Admin/ProjectionRebuild): one candidate's rows made again from its
/// events, in the transaction that holds the candidate stream's lock, so no write of the candidate interleaves.
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
    /// The statements that make a candidate's rows again from its events, once its old rows are gone (<see cref="RemoveRows"/>):
    /// its events' own statements (<see cref="For"/>), without today's caseload count, which the rebuild counts once at its end
    /// from the rebuilt pieces (Admin/RebuildingProjections/CaseloadRecount). <paramref name="events"/> is the whole stream in
    /// order, each with its recorded time (<c>mt_events.timestamp</c>, the time <see cref="StampOf"/> reads). The statements
    /// are the inline projection's, so the rows are the same rows by construction; a batch sends each text once for all its
    /// candidates (<see cref="Merged"/>).
    /// </summary>
    /// <remarks>
    /// One shortcut, with the same rows as a fresh fold: within the stream's first recorded instant (the append that
    /// started it: a registration with its school leaver and facts, or a whole history loaded at once) the spells and the
    /// status pieces are brought in step once, after the last event of the instant that changes them, instead of after
    /// each. Every row of the two tables made in that instant is recorded from that instant, and the recompute deletes
    /// such a row when it no longer holds (a row recorded earlier it would close instead: hence only the first instant,
    /// before which the candidate has none), so what one recompute leaves is what the last of several leaves. Each
    /// later append holds one event (every command decides one, bar the registration): it is replayed event by event.
    /// </remarks>
    public static IEnumerable<ReportStatement> Replay(MunicipalityCode municipality, CandidateNumber number,
        IReadOnlyList<(ICandidateEvent Event, long Version, DateTimeOffset Recorded)> events)
    {
        // The first instant: the events recorded when the stream's first one was (a prefix of the stream).
        var first = events.Count > 0 && events[0].Version == 1 ? events.TakeWhile(x => x.Recorded == events[0].Recorded).Count() : 0;
        for (var i = 0; i < events.Count; i++)
        {
            var (e, version, recorded) = events[i];
            var later = i < first ? events.Skip(i + 1).Take(first - i - 1).Select(x => x.Event).ToList() : [];
            // The recorded time the events were read with: the stamp each statement would otherwise look up, row by row.
            foreach (var statement in For(municipality, number, e, version,
                         spells: ChangesSpells(e) && !later.Any(ChangesSpells), status: ChangesStatus(e) && !later.Any(ChangesStatus), caseload: false))
                yield return statement.Recorded(recorded);
        }
    }

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
