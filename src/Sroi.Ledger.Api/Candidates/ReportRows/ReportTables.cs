using static NpgsqlTypes.NpgsqlDbType;

namespace Sroi.Ledger.Api.Candidates.ReportRows;

/// <summary>
/// The report tables a candidate's events make rows in, every one of <see cref="CandidateReportTables.Tables"/> but today's
/// caseload count (a municipality's shared sums, counted once at a rebuild's end), with their columns as the numbered
/// scripts make them. Each row's values come in this order (<see cref="ReportTable"/>); the fold names them by these indexes.
/// </summary>
public static class ReportTables
{
    public static readonly ReportTable CandidatesTable = new("candidates",
        ("municipality", Text), ("candidate_number", Text), ("registered_on", Date), ("target_group", Text), ("benefit_since", Date),
        ("benefit_ended_on", Date), ("benefit_end_reason", Text));

    public static readonly ReportTable TredenTable = new("candidate_treden",
        ("municipality", Text), ("candidate_number", Text), ("seq", Bigint), ("trede", Integer), ("from_trede", Integer), ("valid_from", Date),
        ("valid_until", Date));

    public static readonly ReportTable PlacementsTable = new("placements",
        ("id", Uuid), ("municipality", Text), ("candidate_number", Text), ("started_on", Date), ("counting_year", Integer),
        ("hours_per_week", Numeric), ("full_time", NpgsqlTypes.NpgsqlDbType.Boolean), ("kind", Text), ("channel", Text), ("employer_kvk", Text),
        ("sroi_contract_id", Uuid), ("sroi_contract_scope", Text), ("ended_on", Date), ("withdrawn", NpgsqlTypes.NpgsqlDbType.Boolean));

    public static readonly ReportTable BenefitActsTable = new("candidate_benefit_acts",
        ("municipality", Text), ("candidate_number", Text), ("seq", Bigint), ("benefit_act", Text), ("valid_from", Date), ("valid_until", Date));

    public static readonly ReportTable WspServiceTable = new("candidate_wsp_service",
        ("municipality", Text), ("candidate_number", Text), ("seq", Bigint), ("served", NpgsqlTypes.NpgsqlDbType.Boolean), ("valid_from", Date), ("valid_until", Date));

    public static readonly ReportTable EnrolmentsTable = new("programme_enrolments",
        ("municipality", Text), ("candidate_number", Text), ("seq", Bigint), ("programme", Text), ("enrolled_on", Date), ("ended_on", Date));

    public static readonly ReportTable OutcomesTable = new("programme_outcomes",
        ("municipality", Text), ("candidate_number", Text), ("seq", Bigint), ("programme", Text), ("outcome", Text), ("reached_on", Date));

    public static readonly ReportTable SchoolLeaversTable = new("school_leavers",
        ("municipality", Text), ("candidate_number", Text), ("school_type", Text), ("school_year_left", Text), ("counted_from", Date));

    public static readonly ReportTable DayActivitiesTable = new("candidate_day_activities",
        ("municipality", Text), ("candidate_number", Text), ("seq", Bigint), ("activity", Text), ("valid_from", Date), ("valid_until", Date));

    public static readonly ReportTable SpellsTable = new("placement_spells",
        ("id", Uuid), ("municipality", Text), ("candidate_number", Text), ("started_on", Date), ("counting_year", Integer), ("worked_until", Date));

    public static readonly ReportTable StatusPiecesTable = new("candidate_status_spells",
        ("municipality", Text), ("candidate_number", Text), ("valid_from", Date), ("valid_until", Date), ("trede", Integer), ("served", NpgsqlTypes.NpgsqlDbType.Boolean),
        ("benefit_act", Text), ("registered_on", Date), ("target_group", Text), ("benefit_since", Date), ("benefit_ended_on", Date));

    /// <summary>Every one of them, in the order of <see cref="CandidateReportTables.Tables"/>.</summary>
    public static readonly IReadOnlyList<ReportTable> All =
        [CandidatesTable, TredenTable, PlacementsTable, BenefitActsTable, WspServiceTable, EnrolmentsTable, OutcomesTable, SchoolLeaversTable, DayActivitiesTable, SpellsTable, StatusPiecesTable];
}
