using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Keeps the report tables <c>candidates</c>, <c>candidate_treden</c> and <c>placements</c> (Schema/020, 021, 040) in step with
/// the candidate streams: a Marten projection registered inline, so its statements run in the append's transaction,
/// whoever appends. Each event maps to statements of its own, given only the event's tenant (the municipality), its
/// stream's key (the candidate number) and its version, so the tables are a pure function of the events in stream
/// order: a rebuild (Marten's daemon) first deletes every row of the three tables (<see cref="Tables"/>), then
/// replays the candidate events. The tables are bitemporal (Schema/040): each row also holds the recorded interval in
/// which the ledger knew it, from its event's timestamp to the timestamp of the event that replaced it, so a report can
/// be answered as known on any instant; a rebuild stamps the rows with the events' own timestamps, so it gives the same
/// answers.
/// </summary>
public sealed partial class CandidateReportTables : EventProjection
{
    /// <summary>The tables this projection fills, and so wipes before a rebuild.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "candidates", "candidate_treden", "placements",
        // Issue 22: benefit act and WSP service (Schema/085).
        "candidate_benefit_acts", "candidate_wsp_service",
        // Issue 22: programmes and school leavers (Schema/090).
        .. ProgrammeTables,
        // Issue 22: each placement's spell of work, for durable placements (Schema/100).
        "placement_spells",
        // Issue 22: a candidate's trede, WSP service and benefit act in force, as pieces, for the benefit stock and caseload (Schema/110).
        "candidate_status_spells",
        // Issue 22: today's caseload, a count kept per day of change of those pieces (Schema/130).
        CaseloadTable,
    ];

    public CandidateReportTables()
    {
        // Streams are named, not typed: the candidate event types say which events this projection is for (the
        // daemon loads only those). The tables are the numbered scripts' (their checks and covering indexes are the
        // reports'), so Marten only names them for the teardown.
        foreach (var (type, _) in CandidateEventTypes.Mapped)
            IncludeType(type);
        foreach (var table in Tables)
            Options.DeleteDataInTableOnTeardown(table);
    }

    /// <summary>
    /// One event's statements, queued on the session (inline: the append's; in a rebuild: the daemon's batch). Inline, the
    /// type filter does not apply (Marten 9 hands an event projection every event of the session, whatever its stream):
    /// only candidate events count.
    /// </summary>
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is ICandidateEvent candidateEvent)
        {
            var municipality = MunicipalityCode.Parse(e.TenantId);
            // Each statement with its set of one row: the text a rebuild sends for a batch of candidates (ReportStatement).
            foreach (var statement in For(municipality, NumberOf(municipality, e.StreamKey), candidateEvent, e.Version))
                operations.QueueOperation(new QueuedStatement(statement.Alone()));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The candidate number of a stream <c>candidate-&lt;municipality&gt;-&lt;number&gt;</c> (<see cref="CandidateEventTypes.StreamOf"/>).</summary>
    public static CandidateNumber NumberOf(MunicipalityCode municipality, string? streamKey)
    {
        var prefix = $"candidate-{municipality}-";
        return streamKey is not null && streamKey.StartsWith(prefix, StringComparison.Ordinal)
            ? CandidateNumber.Parse(streamKey[prefix.Length..])
            : throw new InvalidOperationException($"Stream '{streamKey}' is not a candidate stream of {municipality}.");
    }

    /// <summary>
    /// The statements of one event at <paramref name="version"/> of the candidate's stream. Each row it makes is recorded from
    /// the event's own timestamp (<see cref="StampOf"/>); a row is never changed where it stands: <see cref="Table.Versioned"/> first
    /// closes the current row and copies it, then the change updates the copy (the current row).
    /// </summary>
    /// <remarks>The event's own rows, then the candidate's spells and status pieces brought in step with them where it may change them.</remarks>
    public static IEnumerable<ReportStatement> For(MunicipalityCode municipality, CandidateNumber number, ICandidateEvent e, long version)
    {
        foreach (var statement in Rows(municipality, number, e, version))
            yield return statement;
        if (ChangesSpells(e))
            foreach (var statement in SpellStatements(
                [municipality.Value, CandidateEventTypes.StreamOf(municipality, number).Value, version], municipality.Value, number.Value))
                yield return statement;
        if (ChangesStatus(e))
            foreach (var statement in StatusStatements(
                [municipality.Value, CandidateEventTypes.StreamOf(municipality, number).Value, version], municipality.Value, number.Value))
                yield return statement;
    }

    /// <summary>A placement event may change the spell of work of any placement of the candidate (Schema/100).</summary>
    public static bool ChangesSpells(ICandidateEvent e) =>
        e is PlacementRecorded or PlacementEnded or PlacementCorrected or PlacementWithdrawn or PlacementEndCorrected;

    /// <summary>An event that changes a candidate's row or one of its three dated facts may change any of its status pieces (Schema/110).</summary>
    public static bool ChangesStatus(ICandidateEvent e) => e is CandidateRegistered or TredeChanged or BenefitActSet or WspServiceSet or BenefitEnded;

    /// <summary>The column types of a stamp (<see cref="StampOf"/>: tenant, stream, version), the first three of many statements.</summary>
    private const string StampTypes = "text text bigint";

    private static IEnumerable<ReportStatement> Rows(MunicipalityCode municipality, CandidateNumber number, ICandidateEvent e, long version)
    {
        var (m, n) = (municipality.Value, number.Value);
        object[] stamp = [m, CandidateEventTypes.StreamOf(municipality, number).Value, version];
        switch (e)
        {
            case CandidateRegistered r:
                yield return RegisteredCandidate.With([.. stamp, m, n, r.RegisteredOn.ToDateOnly(), Kebab(r.TargetGroup), r.BenefitSince?.ToDateOnly()]);
                yield return RegisteredTrede.With([.. stamp, m, n, r.Trede, r.RegisteredOn.ToDateOnly()]);
                // What a registration means by itself (Schema/085): Participatiewet, served by the WSP, from registration.
                yield return Dated(BenefitActRows, stamp, m, n, Kebab(BenefitAct.Participatiewet), r.RegisteredOn);
                yield return Dated(WspServiceRows, stamp, m, n, true, r.RegisteredOn);
                break;
            case BenefitActSet a:
                foreach (var statement in Changed(BenefitActRows, stamp, m, n, Kebab(a.BenefitAct), a.EffectiveOn))
                    yield return statement;
                break;
            case WspServiceSet w:
                foreach (var statement in Changed(WspServiceRows, stamp, m, n, w.Served, w.EffectiveOn))
                    yield return statement;
                break;
            case TredeChanged t:
                yield return TredeRows.Versioned.With([.. stamp, m, n]);
                yield return Closed(TredeRows, m, n, t.EffectiveOn);
                yield return ChangedTrede.With([.. stamp, m, n, t.To, t.From, t.EffectiveOn.ToDateOnly()]);
                break;
            case PlacementRecorded p:
                yield return RecordedPlacement.With([.. stamp, p.PlacementId, m, n, p.StartedOn.ToDateOnly(), p.StartedOn.Year, p.HoursPerWeek, p.FullTime, Kebab(p.Kind),
                    Kebab(p.Channel), p.Employer?.KvkNumber.Value, p.SroiContract?.ContractId, ScopeOf(p.SroiContract)]);
                break;
            case PlacementEnded p:
                yield return PlacementRows.Versioned.With([.. stamp, p.PlacementId]);
                yield return EndedPlacement.With(p.PlacementId, p.EndedOn.ToDateOnly());
                break;
            case PlacementCorrected p:
                yield return PlacementRows.Versioned.With([.. stamp, p.PlacementId]);
                yield return CorrectedPlacement.With(p.PlacementId, p.StartedOn.ToDateOnly(), p.StartedOn.Year, p.HoursPerWeek, p.FullTime, Kebab(p.Kind), Kebab(p.Channel),
                    p.SroiContract?.ContractId, ScopeOf(p.SroiContract));
                break;
            case PlacementWithdrawn p:
                yield return PlacementRows.Versioned.With([.. stamp, p.PlacementId]);
                yield return WithdrawnPlacement.With(p.PlacementId);
                break;
            case BenefitEnded b:
                yield return CandidateRows.Versioned.With([.. stamp, m, n]);
                yield return EndedBenefit.With(m, n, b.EffectiveOn.ToDateOnly(), Kebab(b.Reason));
                break;
            // Issue 22: the end as corrected (null: no end after all).
            case PlacementEndCorrected p:
                yield return PlacementRows.Versioned.With([.. stamp, p.PlacementId]);
                yield return EndedPlacement.With(p.PlacementId, p.EndedOn?.ToDateOnly());
                break;
            // Issue 22: programmes and school leavers, in CandidateReportTables.Programmes.cs.
            case EnrolledInProgramme or ProgrammeEnrolmentEnded or ProgrammeOutcomeRecorded or ProgrammeOutcomeWithdrawn or SchoolLeaverRecorded or DayActivityRecorded:
                foreach (var statement in ProgrammeStatements(e, stamp, m, n))
                    yield return statement;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without a projection.");
        }
    }

    // The texts of Rows' statements, each made once (SetText). Their bodies read constants and static methods only, so the
    // order in which C# initialises the static fields of this class's parts does not matter to them.
    private static readonly SetText RegisteredCandidate = new($"{StampTypes} text text date text date", $"""
        INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, benefit_since, recorded_from)
        SELECT p.a4, p.a5, p.a6, p.a7, p.a8, {StampOf("p")} FROM p
        """);

    private static readonly SetText RegisteredTrede = new($"{StampTypes} text text int date", $"""
        INSERT INTO candidate_treden (municipality, candidate_number, seq, trede, from_trede, valid_from, recorded_from)
        SELECT p.a4, p.a5, p.a3, p.a6, NULL, p.a7, {StampOf("p")} FROM p
        """);

    private static readonly SetText ChangedTrede = new($"{StampTypes} text text int int date", $"""
        INSERT INTO candidate_treden (municipality, candidate_number, seq, trede, from_trede, valid_from, recorded_from)
        SELECT p.a4, p.a5, p.a3, p.a6, p.a7, p.a8, {StampOf("p")} FROM p
        """);

    private static readonly SetText RecordedPlacement = new($"{StampTypes} uuid text text date int numeric boolean text text text uuid text", $"""
        INSERT INTO placements (id, municipality, candidate_number, started_on, counting_year, hours_per_week, full_time,
                                kind, channel, employer_kvk, sroi_contract_id, sroi_contract_scope, recorded_from)
        SELECT p.a4, p.a5, p.a6, p.a7, p.a8, p.a9, p.a10, p.a11, p.a12, p.a13, p.a14, p.a15, {StampOf("p")} FROM p
        """);

    private static readonly SetText EndedPlacement = new("uuid date", $"UPDATE placements x SET ended_on = p.a2 FROM p WHERE x.id = p.a1 AND x.{Current}");

    private static readonly SetText CorrectedPlacement = new("uuid date int numeric boolean text text uuid text", $"""
        UPDATE placements x SET started_on = p.a2, counting_year = p.a3, hours_per_week = p.a4, full_time = p.a5, kind = p.a6,
                                channel = p.a7, sroi_contract_id = p.a8, sroi_contract_scope = p.a9
        FROM p WHERE x.id = p.a1 AND x.{Current}
        """);

    private static readonly SetText WithdrawnPlacement = new("uuid", $"UPDATE placements x SET withdrawn = true FROM p WHERE x.id = p.a1 AND x.{Current}");

    private static readonly SetText EndedBenefit = new("text text date text", $"""
        UPDATE candidates x SET benefit_ended_on = p.a3, benefit_end_reason = p.a4
        FROM p WHERE x.municipality = p.a1 AND x.candidate_number = p.a2 AND x.{Current}
        """);

    /// <summary>The current rows, the only ones an event changes.</summary>
    private const string Current = "recorded_until = 'infinity'";

    /// <summary>
    /// A report table and its columns, the recorded interval apart (Schema/020, 021, 040, 085, 090), with the texts of the
    /// statements every table's events share, made once (<see cref="SetText"/>). <paramref name="keyTypes"/> and
    /// <paramref name="key"/> pick the current row an event changes (over the row <c>x</c> and the stamped values
    /// <c>s.a4…</c>); a dated fact's table also has its value's type (<paramref name="valueType"/>, the fourth column).
    /// </summary>
    private sealed class Table(string name, string[] columns, string keyTypes, string key, string? valueType = null)
    {
        public string Name => name;

        /// <summary>
        /// Closes the current row of the key at the event's recorded time (<see cref="StampOf"/>, a1–a3) and inserts an
        /// unchanged copy recorded from then on, which the event's change then updates. A row made earlier in the same
        /// recorded instant (the same append) is left to be updated where it stands: closing it would leave an empty interval.
        /// </summary>
        public SetText Versioned { get; } = new($"{StampTypes} {keyTypes}", $"""
            {Stamped},
            closed AS (UPDATE {name} x SET recorded_until = s.at FROM s
                       WHERE {key} AND x.{Current} AND x.recorded_from < s.at
                       RETURNING {string.Join(", ", columns.Select(c => $"x.{c}"))}, s.at)
            INSERT INTO {name} ({string.Join(", ", columns)}, recorded_from) SELECT * FROM closed
            """);

        /// <summary>The candidate's dated fact in force (the open row) ends where the next takes effect: a dated fact's table only.</summary>
        public SetText? Closing { get; } = !columns.Contains("valid_until") ? null : new("text text date", $"""
            UPDATE {name} x SET valid_until = p.a3
            FROM p WHERE x.municipality = p.a1 AND x.candidate_number = p.a2 AND x.valid_until IS NULL AND x.{Current}
            """);

        /// <summary>A dated fact's row (Schema/085: the value in the table's fourth column) from its day while in force.</summary>
        public SetText? Dated { get; } = valueType is null ? null : new($"{StampTypes} text text {valueType} date", $"""
            INSERT INTO {name} (municipality, candidate_number, seq, {columns[3]}, valid_from, recorded_from)
            SELECT p.a4, p.a5, p.a3, p.a6, p.a7, {StampOf("p")} FROM p
            """);
    }

    /// <summary>The candidate's row, by its key.</summary>
    private const string OfCandidate = "x.municipality = s.a4 AND x.candidate_number = s.a5";

    /// <summary>The candidate's dated fact in force: its open row.</summary>
    private const string InForce = $"{OfCandidate} AND x.valid_until IS NULL";

    private static readonly Table CandidateRows = new("candidates",
        ["municipality", "candidate_number", "registered_on", "target_group", "benefit_since", "benefit_ended_on", "benefit_end_reason"],
        "text text", OfCandidate);

    private static readonly Table TredeRows = new("candidate_treden",
        ["municipality", "candidate_number", "seq", "trede", "from_trede", "valid_from", "valid_until"], "text text", InForce);

    private static readonly Table PlacementRows = new("placements",
        ["id", "municipality", "candidate_number", "started_on", "counting_year", "hours_per_week", "full_time", "kind", "channel",
         "employer_kvk", "sroi_contract_id", "sroi_contract_scope", "ended_on", "withdrawn"], "uuid", "x.id = s.a4");

    private static readonly Table BenefitActRows = new("candidate_benefit_acts",
        ["municipality", "candidate_number", "seq", "benefit_act", "valid_from", "valid_until"], "text text", InForce, valueType: "text");

    private static readonly Table WspServiceRows = new("candidate_wsp_service",
        ["municipality", "candidate_number", "seq", "served", "valid_from", "valid_until"], "text text", InForce, valueType: "boolean");

    /// <summary>The candidate's dated fact in force (<paramref name="table"/>'s open row) ends where the next takes effect.</summary>
    private static ReportStatement Closed(Table table, string m, string n, NodaTime.LocalDate until) =>
        table.Closing!.With(m, n, until.ToDateOnly());

    /// <summary>A dated fact's row (Schema/085: the value in the table's fourth column) from <paramref name="from"/> while in force.</summary>
    private static ReportStatement Dated(Table table, object[] stamp, string m, string n, object value, NodaTime.LocalDate from) =>
        table.Dated!.With([.. stamp, m, n, value, from.ToDateOnly()]);

    /// <summary>A dated fact changed, as a trede change: the fact in force ends where the new one takes effect.</summary>
    private static IEnumerable<ReportStatement> Changed(Table table, object[] stamp, string m, string n, object value, NodaTime.LocalDate from)
    {
        yield return table.Versioned.With([.. stamp, m, n]);
        yield return Closed(table, m, n, from);
        yield return Dated(table, stamp, m, n, value, from);
    }

    public static string Kebab<T>(T value) where T : struct, Enum => KebabNames<T>.NameOf(value);

    private static string? ScopeOf(SroiContractRef? contract) => contract is null ? null : Kebab(contract.Scope);

    /// <summary>Positional parameters $1…$n; null is SQL NULL (its type follows from the column).</summary>
    private static NpgsqlBatchCommand Statement(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
