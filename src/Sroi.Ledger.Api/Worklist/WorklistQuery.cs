using Marten;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Contracts.ReportsApart;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Worklist;

/// <summary>
/// The worklist as one SQL query over the contracts' rows (<see cref="ContractStorage"/>): the standing of each contract
/// on <paramref name="Today"/> (behind, overdue, settlement due) from the duplicated dates, one item per report awaiting
/// review from the <c>pending_reports</c> column, filtered, ordered and paged in SQL; only the page's documents are read,
/// without their reports. Before issue 23 every candidate document was taken apart and the items were sorted in memory
/// (4.5 s at 10,000 contracts). The rules are those of <see cref="Domain.Balance.BalanceStatuses.On"/> and
/// <see cref="ContractMonitoring.SettlementDueFrom"/>, written in SQL; the repair period is the policy's: a municipality's
/// list reads it from the stored settlement due date (worklist_order.sql), the scan from <paramref name="Policies"/>, a
/// small table of every version in scope (<see cref="SroiPolicyHistory.MonitoringTermsFor"/>: the obligation's version,
/// else the one in force on the award date, else the default), which only the scan reads.
/// </summary>
public sealed record WorklistQuery(LocalDate Today, MunicipalityCode? Municipality, WorklistKind? Kind, int Page, int PageSize,
    IReadOnlyList<SroiPolicyHistory> Policies)
{
    /// <summary>
    /// Whether the municipality's list also holds the standing of the regional contracts it takes part in (its WSP's, issue
    /// 21), marked <see cref="WorklistItem.TakingPart"/>.
    /// </summary>
    public bool TakingPart { get; init; }

    // Ties in a fixed order so that pages do not overlap: the kind in its enum order, the code and the reference
    // ordinally (COLLATE "C", as StringComparer.Ordinal), a contract's standing before its reports.
    private const string Order = """due_since, kind, tenant_id COLLATE "C", reference COLLATE "C", report_id NULLS FIRST""";

    /// <summary>
    /// A municipality's list (its WSP, or an admin naming it): each kind of item from its own index in the order of its date,
    /// the first <c>page × size</c> of each, merged under the page's LIMIT; the count bounded per kind. An admin's list of
    /// every municipality is <see cref="ScanCommandOn"/>.
    /// </summary>
    public NpgsqlCommand CommandOn(NpgsqlDataSource db) => Municipality is { } code && !Scan ? OrderedCommandOn(db, code) : ScanCommandOn(db);

    /// <summary>
    /// Whether <see cref="ReadAsync"/> sends the statement prepared: a municipality's arms for the first pages at the default
    /// size, the lists a WSP reads every day. Planning the arms' eleven subqueries cost PostgreSQL as much as running them,
    /// and parsing and analysing the text another 0.3 ms of a 2.3 ms call (issue 23, docs/benchmarks.md); a statement
    /// prepared on a pooled connection stays prepared there (Npgsql keeps it by its text, NoResetOnClose), so a later call
    /// on that connection skips the parse. The bound keeps the texts prepared per connection few (page, kind and taking part:
    /// at most 3 × 6 × 2): every other page or size is its own text, and each prepared one holds memory in its backend.
    /// The day is in the text (OrderedStatement), so after five calls on a connection PostgreSQL keeps its plan for the day
    /// (a generic plan, only the municipality unknown) rather than planning every call: the day's texts are 36 at most a
    /// connection, the previous day's unprepared (PreparedOnAsync).
    /// </summary>
    public bool Prepared => Municipality is not null && !Scan && Page <= PreparedPages && PageSize == HttpConventions.ListPageQuery.DefaultPageSize;

    /// <summary>The pages <see cref="Prepared"/> covers.</summary>
    public const int PreparedPages = 3;

    /// <summary>
    /// Whether a contract's reports awaiting review may be in the report documents rather than its <c>pending_reports</c>
    /// column (the operator's switch has been on: <see cref="ReportsApartSwitch.SeenOnAsync"/>, issue 23 stage 3). The
    /// statement then reads them there for the contracts whose column is empty beside a <c>pending_since</c>; while no document
    /// is without its list it reads the column alone, the statement as before: planning the report documents' branches cost
    /// PostgreSQL about 0.45 ms more a call at 10,000 contracts (docs/benchmarks.md), a fifth of the worklist's CPU.
    /// </summary>
    public bool ReportsApart { get; init; }

    /// <summary>Send <see cref="ScanCommandOn"/> whatever the scope: the Worklist tests and the benchmark compare the two.</summary>
    public bool Scan { get; init; }

    /// <summary>The bound of each kind's count (<see cref="ExactUpTo"/>; a test lowers it).</summary>
    public int CountUpTo { get; init; } = ExactUpTo;

    /// <summary>
    /// Each kind counted up to this many items and no further (a LIMIT under the count): <see cref="WorklistPage.Total"/> is exact
    /// while every kind holds at most this many; beyond, the total is what was counted and <see cref="WorklistPage.TotalIsExact"/>
    /// is false. A count of every item read every item of the municipality, the cost the page was to lose (issue 23).
    /// </summary>
    public const int ExactUpTo = 1_000;

    /// <summary>For descriptions (a constant's text).</summary>
    public const string ExactUpToText = "1,000";

    // The arms (issue 23). Each reads one kind from its index of Worklist/worklist_order.sql in the index's order
    // (date, then reference COLLATE "C": the worklist's own order within one municipality and one kind), and stops after
    // the items the page and the pages before it can take; the merge sorts at most that many per kind. Before, the one
    // statement read every contract of the municipality (a sequential scan), computed each one's standing, counted and
    // sorted them all: 233 ms at 10,000 contracts at p50 under load, linear in the municipality.
    private NpgsqlCommand OrderedCommandOn(NpgsqlDataSource db, MunicipalityCode municipality)
    {
        var (text, values) = OrderedStatement(municipality);
        var command = db.CreateCommand(text);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private (string Text, List<object> Values) OrderedStatement(MunicipalityCode municipality)
    {
        // The day as a literal, not a parameter: a statement prepared on its connection (Prepared) is then planned once
        // for the day and its plan kept (PostgreSQL's generic plan, the municipality its only parameter), instead of
        // planned at every call. With the day a parameter its generic plan read a municipality's whole behind and ended
        // indexes (5.8-6.1 ms, docs/benchmarks.md), so every call was planned anew (a custom plan), about half its CPU.
        // A new day is a new text; PreparedOnAsync unprepares the previous day's on the connection. Not user input: the
        // service's own clock, written as ISO digits.
        var today = Literal(Today);
        var values = new List<object>();
        string Next(object value) { values.Add(value); return "$" + values.Count; }
        var own = Next(municipality.Value);
        var take = (long)Page * PageSize;
        const string columns = "c.tenant_id, c.id, c.reference";
        const string contract = "NULL::uuid AS report_id, NULL::jsonb AS report";
        // Each arm's page, and its count: a scalar of at most CountUpTo + 1 (Bounded: the rows, read no further than that).
        var arms = new List<(WorklistKind Kind, string Page, string Count)>();
        string Bounded(string rows) => $"(SELECT count(*) FROM ({rows} LIMIT {CountUpTo + 1}) AS n)";
        void Arm(WorklistKind kind, string due, string where, string order) => arms.Add((kind,
            $"SELECT {columns}, {(int)kind} AS kind, {due} AS due_since, {contract} FROM {ContractStorage.Table} c WHERE {where} ORDER BY {order} LIMIT {take}",
            Bounded($"SELECT FROM {ContractStorage.Table} c WHERE {where}")));

        var mine = $"c.tenant_id = {own}";
        Arm(WorklistKind.Behind, "c.behind_from",
            $"{mine} AND c.fixed_status IS NULL AND c.behind_from IS NOT NULL AND c.behind_from <= {today} AND c.ends_on >= {today}",
            """c.behind_from, c.reference COLLATE "C" """);
        // Overdue only within the longest repair period after the end: older ends are settlement due whatever the policy,
        // and the arm would otherwise read past every one of them to reach the first overdue contract.
        var overdueFrom = Literal(Today.PlusMonths(-(MonitoringTerms.MaxRepairPeriodMonths + 1)));
        Arm(WorklistKind.Overdue, "c.ends_on + 1",
            $"{mine} AND c.fixed_status IS NULL AND c.ends_on < {today} AND c.ends_on >= {overdueFrom} AND c.settlement_due_from > {today}",
            """c.ends_on, c.reference COLLATE "C" """);
        // settlement_due_from > ends_on always, so a date on or before today is a contract that has ended.
        Arm(WorklistKind.SettlementDue, "c.settlement_due_from",
            $"{mine} AND c.fixed_status IS NULL AND c.settlement_due_from <= {today}",
            """c.settlement_due_from, c.reference COLLATE "C" """);
        // The first `take` contracts by their oldest pending report hold the first `take` reports: a contract after them
        // has every report on or after its own oldest, which sorts after each of theirs (ties broken by the reference).
        // A contract's reports are in its pending_reports column, or, for a document without its list (stage 3: an empty
        // column beside a pending_since), in the report documents awaiting review, read in order from their index and no
        // further than the page (PendingOf).
        var pending = $"{mine} AND c.pending_since IS NOT NULL";
        arms.Add((WorklistKind.ReportPendingReview, $"""
            SELECT {columns}, {(int)WorklistKind.ReportPendingReview} AS kind, {Due("r")} AS due_since, {ReportId("r")} AS report_id, {Report("r")} AS report
            FROM (SELECT {columns}, c.pending_reports FROM {ContractStorage.Table} c WHERE {pending}
                  ORDER BY c.pending_since, c.reference COLLATE "C" LIMIT {take}) AS c
            CROSS JOIN LATERAL {PendingOf("c", take)} AS r
            ORDER BY 5, c.reference COLLATE "C", 6 LIMIT {take}
            """,
            // The reports counted from the contracts' index alone while it can: more than CountUpTo contracts with a report
            // awaiting review hold more than CountUpTo reports (each at least one), the bound. Only fewer contracts are read
            // from the table and their arrays' lengths summed. Before, the count unnested the reports of the first
            // CountUpTo + 1 contracts from the table: at 10,000 contracts 511 of the statement's 668 buffers (issue 23).
            $"""
            (SELECT CASE WHEN n.contracts > {CountUpTo} THEN {CountUpTo + 1}
                ELSE (SELECT LEAST(COALESCE(sum({PendingCountOf("c")}), 0), {CountUpTo + 1}) FROM {ContractStorage.Table} c WHERE {pending}) END
             FROM {Bounded($"SELECT FROM {ContractStorage.Table} c WHERE {pending}")} AS n(contracts))
            """));
        Arm(WorklistKind.PlanMissing, "c.plan_missing_from",
            $"{mine} AND c.plan_missing_from IS NOT NULL AND c.plan_missing_from <= {today} AND c.ends_on >= {today}",
            """c.plan_missing_from, c.reference COLLATE "C" """);
        // A missing plan of approach is listed when asked for by kind only (see WorklistKind.PlanMissing).
        var chosen = arms.Where(arm => Kind is { } only ? arm.Kind == only : arm.Kind != WorklistKind.PlanMissing)
            .Select(arm => (arm.Page, arm.Count)).ToList();
        if (TakingPartArm)
        {
            // The regional contracts the municipality takes part in, found by the participants' GIN index: few (a region's
            // shared contracts), so each one's standing is computed, as ScanCommandOn does for every contract.
            var standing = $"""
                (SELECT {columns},
                    CASE WHEN c.ends_on >= {today} THEN 0 WHEN {today} >= c.settlement_due_from THEN 2 ELSE 1 END AS kind,
                    CASE WHEN c.ends_on >= {today} THEN c.behind_from WHEN {today} >= c.settlement_due_from THEN c.settlement_due_from ELSE c.ends_on + 1 END AS due_since
                 FROM {ContractStorage.Table} c
                 WHERE c.participants @> jsonb_build_array({own}::text) AND c.fixed_status IS NULL AND (c.ends_on < {today} OR c.behind_from <= {today})) AS c
                """;
            var kinds = Kind is { } one ? $"c.kind = {(int)one}" : "true";
            chosen.Add(($"""SELECT {columns}, c.kind, c.due_since, {contract} FROM {standing} WHERE {kinds} ORDER BY c.due_since, c.kind, c.tenant_id COLLATE "C", c.reference COLLATE "C" LIMIT {take}""",
                Bounded($"SELECT FROM {standing} WHERE {kinds}")));
        }
        var page = string.Join("\n    UNION ALL\n", chosen.Select(arm => $"({arm.Page})"));
        var counts = string.Join(", ", chosen.Select(arm => arm.Count));
        return ($"""
            WITH page AS (SELECT * FROM ({page}) AS items ORDER BY {Order} LIMIT {PageSize} OFFSET {(long)(Page - 1) * PageSize}),
            counted AS MATERIALIZED (SELECT ARRAY[{counts}]::bigint[] AS per_kind)
            SELECT (SELECT sum(k) FROM unnest(n.per_kind) AS k)::bigint, {CountUpTo} >= ALL(n.per_kind),
                p.kind, p.due_since, p.report::text, c.data #- '{"{state,fulfilments}"}'
            FROM counted AS n
            LEFT JOIN (page AS p JOIN {ContractStorage.Table} c USING (tenant_id, id)) ON true
            ORDER BY {string.Join(", ", Order.Split(", ").Select(key => "p." + key))}
            """, values);
    }

    /// <summary>
    /// The statement before issue 23's arms: every contract of the scope read, its standing computed, every item counted and
    /// sorted. An admin's list of every municipality still uses it (no index orders across municipalities; not a WSP's
    /// daily list), and the Worklist tests compare the arms' pages and counts with it.
    /// </summary>
    public NpgsqlCommand ScanCommandOn(NpgsqlDataSource db)
    {
        // The repair period's two look-ups are lateral joins, each run once per contract: as scalar subqueries inside
        // settlement_due_from they were copied into every CASE that reads the column (kind, due_since and the kind filter
        // pushed down), eight subplans per contract, about half of the statement's time at 1,000 contracts (issue 23).
        var terms = Policies.SelectMany(history => history.Versions.Select((version, ordinal) => (version, ordinal))).ToList();
        var values = new List<object>
        {
            Today,
            terms.Select(t => t.version.Municipality.Value).ToArray(),
            terms.Select(t => t.version.Id).ToArray(),
            terms.Select(t => t.version.EffectiveFrom).ToArray(),
            terms.Select(t => t.ordinal).ToArray(),
            terms.Select(t => t.version.Monitoring.RepairPeriodMonths).ToArray(),
            MonitoringTerms.Default.RepairPeriodMonths,
        };
        string Next(object value) { values.Add(value); return "$" + values.Count; }
        // With TakingPart, also the standing (behind, overdue, settlement due) of the regional contracts the municipality takes
        // part in (issue 21), held to the lead's terms. Their reports awaiting review and a missing plan are not listed: the
        // lead's WSP acts on those and a participant cannot (its review is a 404), so they would only crowd its list.
        var own = Municipality is { } code ? Next(code.Value) : null;
        var tenant = own is null ? "" : " AND " + ContractParticipants.OwnOrTakingPart("c.", own, TakingPart);
        var ownOnly = own is null ? "" : " AND " + ContractParticipants.OwnOrTakingPart("c.", own, takingPart: false);
        // Only the terms of the municipalities whose contracts can be listed: a WSP's list holds every municipality's policy
        // (TakingPart), and each contract looks its terms up in this table, so all 342 municipalities' versions would be
        // scanned for each of the municipality's contracts.
        var termsScope = own is null ? ""
            : TakingPart ? $""" WHERE t.tenant_id = {own} OR t.tenant_id IN (SELECT c.tenant_id FROM {ContractStorage.Table} c WHERE c.participants @> jsonb_build_array({own}::text))"""
            : $" WHERE t.tenant_id = {own}";
        // A missing plan of approach is listed when asked for by kind only: every contract of the years before plans were
        // recorded would otherwise crowd the list the WSP works through (see WorklistKind.PlanMissing).
        var kind = Kind is { } only ? $" WHERE kind = {Next((int)only)}" : $" WHERE kind <> {(int)WorklistKind.PlanMissing}";
        var command = db.CreateCommand($"""
            WITH terms AS (
                SELECT * FROM unnest($2::text[], $3::text[], $4::date[], $5::int[], $6::int[])
                    AS t(tenant_id, policy_version, effective_from, ordinal, months){termsScope}),
            standing AS (
                SELECT c.tenant_id, c.id, c.reference, c.ends_on, c.behind_from,
                    (c.ends_on + make_interval(months => COALESCE(obligation.months, awarded.months, $7)))::date + 1 AS settlement_due_from
                FROM {ContractStorage.Table} c
                LEFT JOIN LATERAL (SELECT t.months FROM terms t
                    WHERE t.tenant_id = c.tenant_id AND t.policy_version = c.obligation_policy_version LIMIT 1) AS obligation ON true
                LEFT JOIN LATERAL (SELECT t.months FROM terms t WHERE t.tenant_id = c.tenant_id AND t.effective_from <= c.awarded_on
                    ORDER BY t.effective_from DESC, t.ordinal LIMIT 1) AS awarded ON true
                WHERE c.fixed_status IS NULL AND (c.ends_on < $1 OR c.behind_from <= $1){tenant}),
            items AS (
                SELECT tenant_id, id, reference,
                    CASE WHEN ends_on >= $1 THEN 0 WHEN $1 >= settlement_due_from THEN 2 ELSE 1 END AS kind,
                    CASE WHEN ends_on >= $1 THEN behind_from WHEN $1 >= settlement_due_from THEN settlement_due_from ELSE ends_on + 1 END AS due_since,
                    NULL::uuid AS report_id, NULL::jsonb AS report
                FROM standing
                UNION ALL
                SELECT c.tenant_id, c.id, c.reference, 3, {Due("r")}, {ReportId("r")}, {Report("r")}
                FROM {ContractStorage.Table} c CROSS JOIN LATERAL {PendingOf("c", take: null)} AS r
                WHERE {(ReportsApart ? "c.pending_since IS NOT NULL" : "c.pending_reports <> '[]'::jsonb")}{ownOnly}
                UNION ALL
                SELECT c.tenant_id, c.id, c.reference, 4, c.plan_missing_from, NULL::uuid, NULL::jsonb
                FROM {ContractStorage.Table} c
                WHERE c.plan_missing_from <= $1 AND c.ends_on >= $1{ownOnly}),
            chosen AS MATERIALIZED (SELECT * FROM items{kind}),
            page AS (SELECT * FROM chosen ORDER BY {Order} LIMIT {PageSize} OFFSET {(long)(Page - 1) * PageSize})
            SELECT n.total, true, p.kind, p.due_since, p.report::text, c.data #- '{"{state,fulfilments}"}'
            FROM (SELECT count(*) AS total FROM chosen) AS n
            LEFT JOIN (page AS p JOIN {ContractStorage.Table} c USING (tenant_id, id)) ON true
            ORDER BY {string.Join(", ", Order.Split(", ").Select(key => "p." + key))}
            """);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>
    /// The reports awaiting review of the contract row <paramref name="c"/> as rows (due, report_id, report): from its
    /// <c>pending_reports</c> column, or where that is empty (a document without its list, issue 23 stage 3: the column no
    /// longer grows with them) from the report documents awaiting review, in the order of their day and id from their index
    /// (worklist_order.sql), the first <paramref name="take"/> at most, each as the column's entry (<see cref="PendingReports"/>).
    /// </summary>
    private string PendingOf(string c, long? take) => !ReportsApart ? $"jsonb_array_elements({c}.pending_reports)" : $"""
        (SELECT (e ->> 'reportedOn')::date AS due, (e ->> 'id')::uuid AS report_id, e AS report FROM jsonb_array_elements({c}.pending_reports) AS e
        UNION ALL
        (SELECT ({ReportedOn})::date, f.id, jsonb_build_object('id', f.id, 'reportedOn', {ReportedOn},
                'kind', f.data -> 'report' -> 'report' ->> 'kind', 'valueCents', ((f.data -> 'report' -> 'valuation' ->> 'value')::numeric * 100)::bigint)
         FROM {Fulfilments.Storing.FulfilmentStorage.Table} f
         WHERE {c}.pending_reports = '[]'::jsonb AND f.tenant_id = {c}.tenant_id AND f.contract_id = {c}.id AND {ReportsApartFold.PendingWhere("f")}
         ORDER BY {ReportedOn}, f.id{(take is { } n ? $" LIMIT {n}" : "")}))
        """;

    // A row of PendingOf: the column's element itself, or the union's columns.
    private string Due(string r) => ReportsApart ? $"{r}.due" : $"({r} ->> 'reportedOn')::date";

    private string ReportId(string r) => ReportsApart ? $"{r}.report_id" : $"({r} ->> 'id')::uuid";

    private string Report(string r) => ReportsApart ? $"{r}.report" : r;

    /// <summary>How many reports of <paramref name="c"/> await review, up to the bound past which the count stops (<see cref="PendingOf"/>).</summary>
    private string PendingCountOf(string c) => !ReportsApart ? $"jsonb_array_length({c}.pending_reports)" : $"""
        CASE WHEN {c}.pending_reports <> '[]'::jsonb THEN jsonb_array_length({c}.pending_reports)
            ELSE (SELECT count(*) FROM (SELECT FROM {Fulfilments.Storing.FulfilmentStorage.Table} f
                WHERE f.tenant_id = {c}.tenant_id AND f.contract_id = {c}.id AND {ReportsApartFold.PendingWhere("f")} LIMIT {CountUpTo + 1}) AS k) END
        """;

    private static readonly string ReportedOn = ReportsApartFold.ReportedOnKey("f");

    /// <summary>Whether a municipality's statement holds the arm of the regional contracts it takes part in.</summary>
    private bool TakingPartArm =>
        TakingPart && Kind is null or WorklistKind.Behind or WorklistKind.Overdue or WorklistKind.SettlementDue;

    /// <summary>
    /// This query, without the taking-part arm when the municipality takes part in no regional contract that arm could list
    /// (<see cref="TakesPartAsync"/>, asked on <paramref name="connection"/>): most municipalities lead all of their contracts,
    /// and planning the arm and its count cost PostgreSQL 0.2–0.27 ms of the statement's ~2 ms (issue 23, docs/benchmarks.md)
    /// while every call was planned. With the statement's plan kept for the day (<see cref="PreparedOnAsync"/>) the arm
    /// still costs more than this check: at 10,000 contracts, prepared both ways, PostgreSQL's CPU a call was 5.67 ms with
    /// the arm against 2.74 ms without, and the whole endpoint's 3.25 ms, this check included (session 40's sitting,
    /// docs/benchmarks.md). The answer is read at each call, not kept: a regional contract registered a moment ago is on
    /// the next page read.
    /// </summary>
    public async Task<WorklistQuery> WithoutIdleArmsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        Municipality is { } code && !Scan && TakingPartArm && !await TakesPartAsync(connection, code, ct) ? this with { TakingPart = false } : this;

    // Any regional contract of another municipality's that this one takes part in and the arm could list (not fixed): one probe
    // of the participants' GIN index, prepared on the connection, so its plan is kept there and it costs no planning after the
    // first calls (it must cost less than the arm it spares; see WithoutIdleArmsAsync).
    private static async Task<bool> TakesPartAsync(NpgsqlConnection connection, MunicipalityCode municipality, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT FROM {ContractStorage.Table} c WHERE c.participants @> jsonb_build_array($1::text) AND c.fixed_status IS NULL)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        await command.PrepareAsync(ct);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<WorklistPage> ReadAsync(NpgsqlDataSource db, IDocumentStore store, CancellationToken ct)
    {
        if (Municipality is null || Scan)
        {
            await using var scan = CommandOn(db);
            return await ReadPageAsync(scan, store, ct);
        }
        // A municipality's list: the check and the statement on one connection, each prepared there when it may be.
        await using var connection = await db.OpenConnectionAsync(ct);
        var query = await WithoutIdleArmsAsync(connection, ct);
        await using var command = query.Prepared ? await query.PreparedOnAsync(connection, ct) : query.OrderedCommandOn(connection);
        return await query.ReadPageAsync(command, store, ct);
    }

    private async Task<WorklistPage> ReadPageAsync(NpgsqlCommand command, IDocumentStore store, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var items = new List<WorklistItem>(PageSize);
        long total = 0;
        var exact = true;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            total = reader.GetInt64(0);
            exact = reader.GetBoolean(1);
            if (reader.IsDBNull(2)) continue; // past the last page: the count's row alone
            var report = reader.IsDBNull(4) ? null : PendingReports.Read(reader.GetString(4));
            items.Add(WorklistItems.Of(serializer.FromJson<ContractDocument>(reader, 5), (WorklistKind)reader.GetInt32(2),
                reader.GetFieldValue<LocalDate>(3), report, Municipality));
        }
        // Never below what this page and the earlier ones hold (a kind counted up to the bound may hold more).
        return new WorklistPage(items, Page, PageSize, exact ? total : Math.Max(total, (long)(Page - 1) * PageSize + items.Count), exact);
    }

    /// <summary>
    /// A municipality's statement (<see cref="CommandOn"/>'s arms) prepared on <paramref name="connection"/>: Npgsql finds a
    /// text prepared before on that physical connection and sends no Parse again; the first call on each connection prepares
    /// it (one round trip more, once). The caller keeps to <see cref="Prepared"/>'s bound (the benchmark sends it as well).
    /// </summary>
    public async Task<NpgsqlCommand> PreparedOnAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // The day is in the text (OrderedStatement): the day's first call on a backend that holds an earlier day's texts
        // lets those go, so a long-lived pooled connection holds one day's at most, not 36 more each day. (Npgsql lets go of
        // every statement prepared on it: the others, the taking-part probe or a rebuild's batch, are prepared again at their
        // next use, once a day.)
        if (PreparedDays.TryGetValue(connection.ProcessID, out var day) && day != Today) connection.UnprepareAll();
        if (PreparedDays.Count > MaxBackendsRemembered) PreparedDays.Clear(); // backends come and go: a bound, not a leak
        PreparedDays[connection.ProcessID] = Today;
        var command = OrderedCommandOn(connection);
        await command.PrepareAsync(ct);
        return command;
    }

    // The day a backend (by its process id) last had this statement prepared for. A reused id only costs an unprepare.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, LocalDate> PreparedDays = new();

    private const int MaxBackendsRemembered = 4_096;

    // A date as an SQL literal; ISO digits from NodaTime's own pattern, never a caller's text.
    private static string Literal(LocalDate date) =>
        "'" + NodaTime.Text.LocalDatePattern.Iso.Format(date) + "'::date";

    private NpgsqlCommand OrderedCommandOn(NpgsqlConnection connection)
    {
        var (text, values) = OrderedStatement(Municipality!.Value);
        var command = new NpgsqlCommand(text, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
