using System.ComponentModel;
using Microsoft.OpenApi;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>School leavers from praktijkonderwijs and VSO on a date, by the day activity in force on it.</summary>
/// <param name="SchoolYear">The school year left in that the report is limited to; null: all.</param>
/// <param name="Total">School leavers counted on asOf: registered on or before it, and the school year they left in begun by it.</param>
/// <param name="ByActivity">Every day activity, 0 included.</param>
/// <param name="WithoutActivity">School leavers with no day activity in force on asOf (none recorded yet).</param>
/// <param name="BySchoolYear">The same per school year left in, oldest first.</param>
public sealed record SchoolLeaversReport(
    MunicipalityCode Municipality, LocalDate AsOf, string? SchoolYear, long Total, IReadOnlyDictionary<string, long> ByActivity, long WithoutActivity,
    IReadOnlyList<SchoolYearLeavers> BySchoolYear);

public sealed record SchoolYearLeavers(string SchoolYear, long Total, IReadOnlyDictionary<string, long> ByActivity, long WithoutActivity);

/// <summary><c>?schoolYear=2017-2018</c>: a school year, two consecutive years.</summary>
public readonly record struct QuerySchoolYear(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Pattern = SchoolYears.Pattern };

    public static bool TryParse(string? text, IFormatProvider? provider, out QuerySchoolYear value) { value = new(text ?? ""); return text is not null; }

    public string? Read(string name, FieldErrors errors)
    {
        if (SchoolYears.IsSchoolYear(Text)) return Text;
        errors.Add(name, SchoolYears.Message);
        return null;
    }
}

/// <summary><c>?asOf=</c> (required) and <c>?schoolYear=</c> (optional) of the school-leavers report.</summary>
public sealed record SchoolLeaversQuery
{
    [Description("The date the day activities are taken on (required), e.g. 2019-06-30.")]
    public QueryDate? AsOf { get; init; }

    [Description("Only the school leavers of this school year, e.g. 2017-2018; leave it out for all.")]
    public QuerySchoolYear? SchoolYear { get; init; }

    public (LocalDate AsOf, string? SchoolYear)? Read(FieldErrors errors)
    {
        var asOf = ReportParameters.Date(AsOf, "asOf", errors);
        var schoolYear = SchoolYear is { Text.Length: > 0 } year ? year.Read("schoolYear", errors) : null;
        if (asOf is null || errors.Covers("schoolYear")) return null;
        return (asOf.Value, schoolYear);
    }
}

/// <summary>
/// GET /api/v1/reports/school-leavers — one aggregate over <c>school_leavers</c> and <c>candidate_day_activities</c>
/// (Schema/090, 121): each school leaver counted on asOf (<see cref="CandidateState.IsSchoolLeaverOn"/>: its
/// <c>counted_from</c>) with the activity whose [valid_from, valid_until) holds asOf — the latest that took effect on or
/// before it, as <see cref="CandidateState.DayActivityOn"/> says.
/// </summary>
public static class SchoolLeaversReportQuery
{
    public static readonly IReadOnlyList<string> Activities = [.. Enum.GetValues<DayActivity>().Select(CandidateReportTables.Kebab)];

    public static async Task<SchoolLeaversReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf, string? schoolYear,
        RecordedRows rows, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT s.school_year_left, d.activity, count(*)
            FROM school_leavers s
            LEFT JOIN candidate_day_activities d ON d.municipality = s.municipality AND d.candidate_number = s.candidate_number
                 AND {rows.Of("d", 4)} AND d.valid_from <= $2 AND (d.valid_until IS NULL OR d.valid_until > $2)
            WHERE s.municipality = $1 AND {rows.Of("s", 4)} AND s.counted_from <= $2 AND ($3 = '' OR s.school_year_left = $3)
            GROUP BY s.school_year_left, d.activity
            """);
        foreach (var value in rows.With(municipality.Value, asOf.ToDateOnly(), schoolYear ?? ""))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var counts = new List<(string SchoolYear, string? Activity, long Count)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                counts.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));

        var years = counts.GroupBy(c => c.SchoolYear).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SchoolYearLeavers(g.Key, g.Sum(c => c.Count), ByActivity(g), g.Where(c => c.Activity is null).Sum(c => c.Count)))
            .ToList();
        return new SchoolLeaversReport(municipality, asOf, schoolYear, counts.Sum(c => c.Count), ByActivity(counts),
            counts.Where(c => c.Activity is null).Sum(c => c.Count), years);
    }

    private static Dictionary<string, long> ByActivity(IEnumerable<(string SchoolYear, string? Activity, long Count)> counts) =>
        Activities.ToDictionary(a => a, a => counts.Where(c => c.Activity == a).Sum(c => c.Count));
}
