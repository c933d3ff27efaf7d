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
    private const string CaseloadTable = "caseload_changes";

    /// <summary>
    /// The statements that replace the candidate's rows: first what its current status pieces add to today's caseload comes
    /// off (the count holds exactly that of the candidate: each append nets what it retires against what it adds), then its
    /// rows of every other table go, then its events' own statements (<see cref="For"/>) make them again, the caseload's
    /// share with them.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Refold(MunicipalityCode municipality, CandidateNumber number, IEnumerable<(ICandidateEvent Event, long Version)> events)
    {
        var (m, n) = (municipality.Value, number.Value);
        yield return Statement($"""
            INSERT INTO {CaseloadTable} AS k (municipality, day, trede, with_benefit, change)
            SELECT $1, y.day, y.trede, y.with_benefit, -sum(y.change)
            FROM candidate_status_spells c,
                 caseload_changes_of(c.valid_from, c.valid_until, c.trede, c.registered_on, c.benefit_since, c.benefit_ended_on) y
            WHERE c.municipality = $1 AND c.candidate_number = $2 AND c.{Current} AND c.served
            GROUP BY y.day, y.trede, y.with_benefit HAVING sum(y.change) <> 0
            ORDER BY y.day, y.trede, y.with_benefit
            ON CONFLICT (municipality, day, trede, with_benefit) DO UPDATE SET change = k.change + excluded.change
            """, m, n);
        foreach (var table in Tables.Where(t => t != CaseloadTable))
            yield return Statement($"DELETE FROM {table} WHERE municipality = $1 AND candidate_number = $2", m, n);
        foreach (var (e, version) in events)
            foreach (var statement in For(municipality, number, e, version))
                yield return statement;
    }
}
