using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Api.Candidates.ReportRows.ReportTables;

namespace Sroi.Ledger.Api.Candidates.ReportRows;

/// <summary>
/// Issue 23, a rebuild at the speed of its reads: one candidate's rows of the report tables made in memory from its events,
/// the rows the projection's statements (<see cref="CandidateReportTables"/>) leave in the tables for the same events, so a
/// rebuild writes only what differs (Admin/RebuildingProjections/CandidateBatchRefold) instead of running ~2.7 statements an
/// event. The statements stay the rule: each step here is one of theirs done on rows in memory, in the same order and with
/// the same conditions (a row recorded in the same instant is changed where it stands, a stale piece made in it deleted,
/// rows as known at an instant those with <c>recorded_from &lt;= at &lt; recorded_until</c>), and the tests hold the two to
/// each other row for row (the endpoint's rebuild, made here, against the command line's, made by the statements, and
/// against the rows every event type left inline: Admin/RebuildingProjectionsTests, Candidates/CandidateRowsFoldTests).
/// </summary>
public sealed partial class CandidateRowsFold
{
    private readonly string m;
    private readonly string n;
    private readonly Dictionary<ReportTable, List<object?[]>> rows = All.ToDictionary(t => t, _ => new List<object?[]>());

    private CandidateRowsFold(string municipality, string number) => (m, n) = (municipality, number);

    /// <summary>
    /// The candidate's rows, each table's in the order the statements would have written them; <paramref name="events"/> is
    /// its whole stream in order, each event with its recorded time (<c>mt_events.timestamp</c>).
    /// </summary>
    public static IReadOnlyDictionary<ReportTable, List<object?[]>> Fold(MunicipalityCode municipality, CandidateNumber number,
        IEnumerable<(ICandidateEvent Event, long Version, DateTimeOffset Recorded)> events)
    {
        var fold = new CandidateRowsFold(municipality.Value, number.Value);
        foreach (var (e, version, recorded) in events)
            fold.Apply(e, version, recorded.UtcDateTime);
        return fold.rows;
    }

    /// <summary><see cref="CandidateReportTables"/>.For: the event's own rows, then its spells and status pieces brought in step when it may change them.</summary>
    private void Apply(ICandidateEvent e, long version, DateTime at)
    {
        Rows(e, version, at);
        if (CandidateReportTables.ChangesSpells(e)) SpellsInStep(at);
        if (CandidateReportTables.ChangesStatus(e)) StatusInStep(at);
    }

    // Column indexes the steps name (ReportTables' order).
    private const int PlacementId = 0, StartedOn = 3, CountingYear = 4, EndedOn = 12, Withdrawn = 13;
    private const int Programme = 3, EnrolmentEndedOn = 5, Outcome = 4, ReachedOn = 5;
    private const int RegisteredOn = 2, TargetGroup = 3, BenefitSince = 4, BenefitEndedOn = 5, BenefitEndReason = 6;

    /// <summary>CandidateReportTables.Rows and ProgrammeStatements, statement by statement.</summary>
    private void Rows(ICandidateEvent e, long version, DateTime at)
    {
        switch (e)
        {
            case CandidateRegistered r:
                Insert(CandidatesTable, at, m, n, r.RegisteredOn.ToDateOnly(), Kebab(r.TargetGroup), r.BenefitSince?.ToDateOnly(), null, null);
                Insert(TredenTable, at, m, n, version, r.Trede, null, r.RegisteredOn.ToDateOnly(), null);
                Insert(BenefitActsTable, at, m, n, version, Kebab(BenefitAct.Participatiewet), r.RegisteredOn.ToDateOnly(), null);
                Insert(WspServiceTable, at, m, n, version, true, r.RegisteredOn.ToDateOnly(), null);
                break;
            case BenefitActSet a:
                Changed(BenefitActsTable, version, Kebab(a.BenefitAct), a.EffectiveOn, at);
                break;
            case WspServiceSet w:
                Changed(WspServiceTable, version, w.Served, w.EffectiveOn, at);
                break;
            case TredeChanged t:
                Versioned(TredenTable, InForce(TredenTable), at);
                Closed(TredenTable, t.EffectiveOn);
                Insert(TredenTable, at, m, n, version, t.To, t.From, t.EffectiveOn.ToDateOnly(), null);
                break;
            case PlacementRecorded p:
                Insert(PlacementsTable, at, p.PlacementId, m, n, p.StartedOn.ToDateOnly(), p.StartedOn.Year, p.HoursPerWeek, p.FullTime, Kebab(p.Kind),
                    Kebab(p.Channel), p.Employer?.KvkNumber.Value, p.SroiContract?.ContractId, ScopeOf(p.SroiContract), null, false);
                break;
            case PlacementEnded p:
                Versioned(PlacementsTable, Placement(p.PlacementId), at);
                Update(PlacementsTable, Placement(p.PlacementId), x => x[EndedOn] = p.EndedOn.ToDateOnly());
                break;
            case PlacementCorrected p:
                Versioned(PlacementsTable, Placement(p.PlacementId), at);
                Update(PlacementsTable, Placement(p.PlacementId), x =>
                {
                    (x[StartedOn], x[CountingYear], x[5], x[6], x[7], x[8]) =
                        (p.StartedOn.ToDateOnly(), p.StartedOn.Year, p.HoursPerWeek, p.FullTime, Kebab(p.Kind), Kebab(p.Channel));
                    (x[10], x[11]) = (p.SroiContract?.ContractId, ScopeOf(p.SroiContract));
                });
                break;
            case PlacementWithdrawn p:
                Versioned(PlacementsTable, Placement(p.PlacementId), at);
                Update(PlacementsTable, Placement(p.PlacementId), x => x[Withdrawn] = true);
                break;
            case BenefitEnded b:
                Versioned(CandidatesTable, _ => true, at);
                Update(CandidatesTable, _ => true, x => (x[BenefitEndedOn], x[BenefitEndReason]) = (b.EffectiveOn.ToDateOnly(), Kebab(b.Reason)));
                break;
            case PlacementEndCorrected p:
                Versioned(PlacementsTable, Placement(p.PlacementId), at);
                Update(PlacementsTable, Placement(p.PlacementId), x => x[EndedOn] = p.EndedOn?.ToDateOnly());
                break;
            case EnrolledInProgramme p:
                Insert(EnrolmentsTable, at, m, n, version, p.Programme, p.EnrolledOn.ToDateOnly(), null);
                break;
            case ProgrammeEnrolmentEnded p:
                Func<object?[], bool> open = x => (string)x[Programme]! == p.Programme && x[EnrolmentEndedOn] is null;
                Versioned(EnrolmentsTable, open, at);
                Update(EnrolmentsTable, open, x => x[EnrolmentEndedOn] = p.EndedOn.ToDateOnly());
                break;
            case ProgrammeOutcomeRecorded p:
                Insert(OutcomesTable, at, m, n, version, p.Programme, p.Outcome, p.On.ToDateOnly());
                break;
            case ProgrammeOutcomeWithdrawn p:
                // Closed where recorded before the withdrawal, gone where recorded at or after it (the two statements' conditions).
                var outcomes = rows[OutcomesTable];
                foreach (var x in outcomes.Where(x => IsCurrent(x) && (string)x[Programme]! == p.Programme && (string)x[Outcome]! == p.Outcome
                                                     && (DateOnly)x[ReachedOn]! == p.On.ToDateOnly() && From(x) < at))
                    x[^1] = at;
                outcomes.RemoveAll(x => IsCurrent(x) && (string)x[Programme]! == p.Programme && (string)x[Outcome]! == p.Outcome
                                        && (DateOnly)x[ReachedOn]! == p.On.ToDateOnly() && From(x) >= at);
                break;
            case SchoolLeaverRecorded s:
                // Joined to the candidate's current row (none: no row), counted from the later of its registration and the school year's start.
                foreach (var c in rows[CandidatesTable].Where(IsCurrent).ToList())
                {
                    var start = SchoolYears.Start(s.SchoolYearLeft).ToDateOnly();
                    var registered = (DateOnly)c[RegisteredOn]!;
                    Insert(SchoolLeaversTable, at, m, n, Kebab(s.SchoolType), s.SchoolYearLeft, registered > start ? registered : start);
                }
                break;
            case DayActivityRecorded d:
                Versioned(DayActivitiesTable, InForce(DayActivitiesTable), at);
                Closed(DayActivitiesTable, d.EffectiveOn);
                Insert(DayActivitiesTable, at, m, n, version, Kebab(d.Activity), d.EffectiveOn.ToDateOnly(), null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without report rows.");
        }
    }

    /// <summary>A dated fact changed (CandidateReportTables.Changed): the one in force versioned and ended where the new one takes effect.</summary>
    private void Changed(ReportTable table, long version, object value, NodaTime.LocalDate from, DateTime at)
    {
        Versioned(table, InForce(table), at);
        Closed(table, from);
        Insert(table, at, m, n, version, value, from.ToDateOnly(), null);
    }

    private static Func<object?[], bool> Placement(Guid id) => x => (Guid)x[PlacementId]! == id;

    /// <summary>A dated fact's open row (<c>valid_until IS NULL</c>): its last column but the recorded interval.</summary>
    private static Func<object?[], bool> InForce(ReportTable table) => x => x[table.From - 1] is null;

    /// <summary>The dated fact in force (the current open row) ends on <paramref name="until"/> (<c>Table.Closing</c>).</summary>
    private void Closed(ReportTable table, NodaTime.LocalDate until) =>
        Update(table, InForce(table), x => x[table.From - 1] = until.ToDateOnly());

    /// <summary>
    /// <c>Table.Versioned</c>: each current row of the key recorded before <paramref name="at"/> closed then and copied from
    /// then on (the copy is the current row the event's change then updates); one recorded at or after it stays as it is.
    /// </summary>
    private void Versioned(ReportTable table, Func<object?[], bool> key, DateTime at)
    {
        var list = rows[table];
        foreach (var row in list.Where(x => IsCurrent(x) && key(x) && From(x) < at).ToList())
        {
            var copy = (object?[])row.Clone();
            row[^1] = at;
            (copy[^2], copy[^1]) = (at, DateTime.MaxValue);
            list.Add(copy);
        }
    }

    /// <summary>An <c>UPDATE … WHERE key AND recorded_until = 'infinity'</c>.</summary>
    private void Update(ReportTable table, Func<object?[], bool> key, Action<object?[]> change)
    {
        foreach (var row in rows[table])
            if (IsCurrent(row) && key(row)) change(row);
    }

    private void Insert(ReportTable table, DateTime at, params object?[] values) =>
        rows[table].Add([.. values, at, DateTime.MaxValue]);

    private static DateTime From(object?[] row) => (DateTime)row[^2]!;

    private static DateTime Until(object?[] row) => (DateTime)row[^1]!;

    private static bool IsCurrent(object?[] row) => Until(row) == DateTime.MaxValue;

    /// <summary>The rows the ledger held at <paramref name="at"/>: <c>recorded_from &lt;= at &lt; recorded_until</c>.</summary>
    private static bool KnownAt(object?[] row, DateTime at) => From(row) <= at && at < Until(row);

    private static string Kebab<T>(T value) where T : struct, Enum => CandidateReportTables.Kebab(value);

    private static string? ScopeOf(SroiContractRef? contract) => contract is null ? null : Kebab(contract.Scope);
}
