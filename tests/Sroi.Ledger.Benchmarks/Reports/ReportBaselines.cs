using Npgsql;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// Raw-SQL baselines, run with plain Npgsql in the same run as the reports:
/// <list type="bullet">
/// <item>"headline": the cheapest hand-written query on the same read tables that answers the report's headline
/// number (how much the full report — grouping sets, distinct counts, the join for the benefit — costs on top);</item>
/// <item>"events only": the placements of a year computed from Marten's mt_events table alone, without any read model
/// (recorded, then the latest correction, minus withdrawals) — what the projection saves.</item>
/// </list>
/// </summary>
internal static class ReportBaselines
{
    public const string PlacementsHeadline = """
        SELECT count(*) FROM placements WHERE municipality = $1 AND counting_year = $2 AND NOT withdrawn AND recorded_until = 'infinity'
        """;

    public const string SroiHeadline = """
        SELECT count(*) FROM placements WHERE municipality = $1 AND counting_year = $2 AND NOT withdrawn AND channel = 'sroi' AND recorded_until = 'infinity'
        """;

    public const string TredeDistributionHeadline = """
        SELECT count(*) FROM candidates
        WHERE municipality = $1 AND registered_on <= $2 AND benefit_since <= $2 AND (benefit_ended_on IS NULL OR benefit_ended_on > $2)
          AND recorded_until = 'infinity'
        """;

    /// <summary>
    /// The school-leavers report's statement before Schema/121 (each leaver joined to its candidate row for the registration
    /// date), its counts summed to the total: the "before" of its case. It counts from the registration only, so on leavers
    /// registered before the school year they left in its total would be larger than the report's (the harness's leavers
    /// are registered during or after it, and the run checks both totals agree).
    /// </summary>
    public const string SchoolLeaversWithCandidatesJoin = """
        SELECT coalesce(sum(n), 0)::bigint FROM (
            SELECT s.school_year_left, d.activity, count(*) AS n
            FROM school_leavers s
            JOIN candidates c ON c.municipality = s.municipality AND c.candidate_number = s.candidate_number AND c.recorded_until = 'infinity'
            LEFT JOIN candidate_day_activities d ON d.municipality = s.municipality AND d.candidate_number = s.candidate_number
                 AND d.recorded_until = 'infinity' AND d.valid_from <= $2 AND (d.valid_until IS NULL OR d.valid_until > $2)
            WHERE s.municipality = $1 AND s.recorded_until = 'infinity' AND c.registered_on <= $2
            GROUP BY s.school_year_left, d.activity) counts
        """;

    public const string TredeFlowHeadline = """
        SELECT count(*) FROM candidate_treden WHERE municipality = $1 AND from_trede IS NOT NULL AND valid_from BETWEEN $2 AND $3
          AND recorded_until = 'infinity'
        """;

    /// <summary>$1 = the municipality (Marten's tenant), $2 = the stream prefix (candidate-GM0603-%), $3 = the year.</summary>
    public static readonly string PlacementsFromEventsOnly = FromEventsOnly("true");

    /// <summary>The same over the events recorded by $4 (mt_events.timestamp): a replay per request of the report as known on then.</summary>
    public static readonly string PlacementsFromEventsOnlyKnownOn = FromEventsOnly("timestamp <= $4");

    private static string FromEventsOnly(string recorded) => $"""
        WITH recorded AS (
            SELECT data->>'placementId' AS id, (data->>'startedOn')::date AS started_on
            FROM mt_events WHERE type = 'candidate.placement-recorded.v1' AND tenant_id = $1 AND stream_id LIKE $2 AND {recorded}),
        corrected AS (
            SELECT DISTINCT ON (data->>'placementId') data->>'placementId' AS id, (data->>'startedOn')::date AS started_on
            FROM mt_events WHERE type = 'candidate.placement-corrected.v1' AND tenant_id = $1 AND stream_id LIKE $2 AND {recorded}
            ORDER BY data->>'placementId', seq_id DESC),
        withdrawn AS (
            SELECT data->>'placementId' AS id FROM mt_events
            WHERE type = 'candidate.placement-withdrawn.v1' AND tenant_id = $1 AND stream_id LIKE $2 AND {recorded})
        SELECT count(*) FROM recorded r LEFT JOIN corrected c ON c.id = r.id
        WHERE NOT EXISTS (SELECT 1 FROM withdrawn w WHERE w.id = r.id)
          AND extract(year FROM coalesce(c.started_on, r.started_on)) = $3
        """;

    public static async Task<long> CountAsync(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
