using Npgsql;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Issue 22, the benefit stock by duration and the caseload: a candidate's status pieces (Schema/110,
/// <c>candidate_status_spells</c>: trede, WSP service and benefit act in force, with the candidate row's columns), kept so
/// those reports read one index range. A piece depends on four tables, so after each event that changes one of them the
/// candidate's pieces are computed again from its current rows (already changed by the event's statements) and only the
/// pieces that changed get a new version, at the event's recorded time, as <see cref="SpellStatements"/> does.
/// </summary>
public sealed partial class CandidateReportTables
{
    // The texts of StatusStatements, each made once (SetText).
    private static readonly SetText StatusRetired = new($"{StampTypes} text text", $"""
        {Stamped},
        fresh AS (SELECT s.a4 AS m, s.a5 AS n, f.* FROM s, candidate_status_spells_at(s.a4, s.a5, s.at) f),
        stale AS (
            SELECT c.*, s.at FROM s JOIN candidate_status_spells c ON c.municipality = s.a4 AND c.candidate_number = s.a5
            WHERE c.{Current}
              AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.m = c.municipality AND f.n = c.candidate_number AND {SamePiece})
        ), added AS (
            SELECT f.* FROM fresh f
            WHERE NOT EXISTS (SELECT 1 FROM candidate_status_spells c
                              WHERE c.municipality = f.m AND c.candidate_number = f.n AND c.{Current} AND {SamePiece})
        ){Counted}, closed AS (
            UPDATE candidate_status_spells x SET recorded_until = t.at FROM stale t
            WHERE x.municipality = t.municipality AND x.candidate_number = t.candidate_number AND x.valid_from = t.valid_from
              AND x.recorded_from = t.recorded_from AND t.recorded_from < t.at
            RETURNING x.valid_from
        )
        DELETE FROM candidate_status_spells x USING stale t
        WHERE x.municipality = t.municipality AND x.candidate_number = t.candidate_number AND x.valid_from = t.valid_from
          AND x.recorded_from = t.recorded_from AND t.recorded_from = t.at
        """);

    private static readonly SetText StatusAdded = new($"{StampTypes} text text", $"""
        {Stamped}
        INSERT INTO candidate_status_spells (municipality, candidate_number, valid_from, valid_until, trede, served, benefit_act,
                                             registered_on, target_group, benefit_since, benefit_ended_on, recorded_from)
        SELECT s.a4, s.a5, f.valid_from, f.valid_until, f.trede, f.served, f.benefit_act, f.registered_on, f.target_group, f.benefit_since,
               f.benefit_ended_on, s.at
        FROM s, candidate_status_spells_at(s.a4, s.a5, s.at) f
        WHERE NOT EXISTS (SELECT 1 FROM candidate_status_spells c
                          WHERE c.municipality = s.a4 AND c.candidate_number = s.a5 AND c.valid_from = f.valid_from AND c.{Current})
        """);

    private static readonly SetText ZeroCaseloadRowsOf = new("text", $"{ZeroRows} WHERE z.municipality IN (SELECT p.a1 FROM p) {ZeroRowsEnd}");

    /// <summary>
    /// The two statements that bring the candidates' pieces in step; <paramref name="stamp"/> is (a1 tenant, a2 stream, a3
    /// version), a4 and a5 the candidate; written for a set of candidates as <see cref="SpellStatements"/>.
    /// </summary>
    private static IEnumerable<ReportStatement> StatusStatements(object[] stamp, string m, string n)
    {
        // Retire first (closed at the event's time, or deleted when made earlier in the same append), then insert what is
        // new: two statements for the reason SpellStatements gives. The first also brings today's caseload count
        // (Schema/130, caseload_changes) in step: what the pieces it retires counted comes off, what the pieces the second
        // adds count goes on, netted per day, trede and benefit. In the order of the key, so two appends that touch the
        // same days lock them in the same order (a deadlock the writer would retry, LedgerWriter, all the same).
        yield return StatusRetired.With([.. stamp, m, n]);
        yield return StatusAdded.With([.. stamp, m, n]);
        yield return ZeroCaseloadRowsOf.With(m);
    }

    /// <summary>The status statement's part that nets what the pieces it adds and retires count into today's caseload.</summary>
    private const string Counted = """
        , counted AS (
            INSERT INTO caseload_changes AS k (municipality, day, trede, with_benefit, change)
            SELECT x.m, x.day, x.trede, x.with_benefit, sum(x.change)
            FROM (SELECT a.m, a.served, y.* FROM added a, caseload_changes_of(a.valid_from, a.valid_until, a.trede, a.registered_on, a.benefit_since, a.benefit_ended_on) y
                  UNION ALL
                  SELECT t.municipality, t.served, y.day, y.trede, y.with_benefit, -y.change
                  FROM stale t, caseload_changes_of(t.valid_from, t.valid_until, t.trede, t.registered_on, t.benefit_since, t.benefit_ended_on) y) x
            WHERE x.served
            GROUP BY x.m, x.day, x.trede, x.with_benefit HAVING sum(x.change) <> 0
            ORDER BY x.m, x.day, x.trede, x.with_benefit
            ON CONFLICT (municipality, day, trede, with_benefit) DO UPDATE SET change = k.change + excluded.change
        )
        """;

    /// <summary>
    /// The municipality's caseload rows whose changes have come to net zero, deleted (Schema/131): without it the count kept
    /// a row of 0 wherever two appends cancelled out, so its rows depended on how the events were cut into appends and
    /// batches, and a rebuild (which subtracts a candidate's share and adds it back) left rows of 0 a fresh fold did not.
    /// Now the table holds exactly the non-zero sums of the current pieces, whatever the path. A row another transaction
    /// has locked is skipped: it is that transaction's to change, and the same statement after its own change deletes it
    /// if it is 0 then (a wait here could deadlock with it: each holds rows of the other's days).
    /// </summary>
    private static NpgsqlBatchCommand ZeroCaseloadRows(string m) => Statement($"{ZeroRows} WHERE z.municipality = $1 {ZeroRowsEnd}", m);

    // ZeroCaseloadRows' statement around the municipality's condition: the status statements' set form and the rebuild's one.
    private const string ZeroRows = $"DELETE FROM {CaseloadTable} WHERE ctid = ANY (ARRAY(SELECT z.ctid FROM {CaseloadTable} z";
    private const string ZeroRowsEnd = "AND z.change = 0 FOR UPDATE SKIP LOCKED))";

    /// <summary>A fresh piece <c>f</c> the current piece <c>c</c> repeats in every column: it stays as it is.</summary>
    private const string SamePiece = """
        f.valid_from = c.valid_from AND f.valid_until = c.valid_until AND f.trede = c.trede AND f.served = c.served
        AND f.benefit_act = c.benefit_act AND f.registered_on = c.registered_on AND f.target_group = c.target_group
        AND f.benefit_since IS NOT DISTINCT FROM c.benefit_since AND f.benefit_ended_on IS NOT DISTINCT FROM c.benefit_ended_on
        """;
}
