using Marten;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Contracts;
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
/// <see cref="ContractMonitoring.SettlementDueFrom"/>, written in SQL; the repair period is the policy's, passed in as
/// a small table of every version in scope (<see cref="SroiPolicyHistory.MonitoringTermsFor"/>: the obligation's
/// version, else the one in force on the award date, else the default).
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

    // The repair period's two look-ups are lateral joins, each run once per contract: as scalar subqueries inside
    // settlement_due_from they were copied into every CASE that reads the column (kind, due_since and the kind filter
    // pushed down), eight subplans per contract, about half of the statement's time at 1,000 contracts (issue 23).
    public NpgsqlCommand CommandOn(NpgsqlDataSource db)
    {
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
                SELECT c.tenant_id, c.id, c.reference, 3, (r ->> 'reportedOn')::date, (r ->> 'id')::uuid, r
                FROM {ContractStorage.Table} c CROSS JOIN LATERAL jsonb_array_elements(c.pending_reports) AS r
                WHERE c.pending_reports <> '[]'::jsonb{ownOnly}
                UNION ALL
                SELECT c.tenant_id, c.id, c.reference, 4, c.plan_missing_from, NULL::uuid, NULL::jsonb
                FROM {ContractStorage.Table} c
                WHERE c.plan_missing_from <= $1 AND c.ends_on >= $1{ownOnly}),
            chosen AS MATERIALIZED (SELECT * FROM items{kind}),
            page AS (SELECT * FROM chosen ORDER BY {Order} LIMIT {PageSize} OFFSET {(long)(Page - 1) * PageSize})
            SELECT n.total, p.kind, p.due_since, p.report::text, c.data #- '{"{state,fulfilments}"}'
            FROM (SELECT count(*) AS total FROM chosen) AS n
            LEFT JOIN (page AS p JOIN {ContractStorage.Table} c USING (tenant_id, id)) ON true
            ORDER BY {string.Join(", ", Order.Split(", ").Select(key => "p." + key))}
            """);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public async Task<WorklistPage> ReadAsync(NpgsqlDataSource db, IDocumentStore store, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var items = new List<WorklistItem>(PageSize);
        long total = 0;
        await using var command = CommandOn(db);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            total = reader.GetInt64(0);
            if (reader.IsDBNull(1)) continue; // past the last page: the count's row alone
            var report = reader.IsDBNull(3) ? null : PendingReports.Read(reader.GetString(3));
            items.Add(WorklistItems.Of(serializer.FromJson<ContractDocument>(reader, 4), (WorklistKind)reader.GetInt32(1),
                reader.GetFieldValue<LocalDate>(2), report, Municipality));
        }
        return new WorklistPage(items, Page, PageSize, total);
    }
}
