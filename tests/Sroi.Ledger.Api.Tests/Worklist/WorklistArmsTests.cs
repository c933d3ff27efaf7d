using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Worklist;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Worklist;

/// <summary>
/// Issue 23: the worklist read kind by kind from its indexes (<see cref="WorklistQuery"/>'s arms) answers the same rows in
/// the same order, and the same total, as the statement that read every contract of the municipality
/// (<see cref="WorklistQuery.ScanCommandOn"/>); the stored settlement due date follows a policy version added later.
/// </summary>
[Collection(ApiCollection.Name)]
public class WorklistArmsTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9315";

    /// <summary>Its contracts get a policy only after they are registered.</summary>
    private const string PolicyLater = "GM9316";

    [Fact]
    public async Task The_arms_answer_the_scans_rows_order_and_total_on_every_date_kind_and_page()
    {
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: Municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        // Every kind, several of each, with ties on the date (the same start, end or report day) broken by the reference.
        foreach (var days in new[] { -300, -300, -200 })
            await WorklistTests.ContractAsync(inkoop, today.PlusDays(days), today.PlusDays(400));
        foreach (var days in new[] { -10, -10, -60 })
            await WorklistTests.ContractAsync(inkoop, today.PlusDays(-400), today.PlusDays(days));
        foreach (var days in new[] { -200, -200, -700 })
            await WorklistTests.ContractAsync(inkoop, today.PlusDays(-900), today.PlusDays(days));
        var settled = await WorklistTests.ContractAsync(inkoop, today.PlusDays(-900), today.PlusDays(-200));
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{settled}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "Overmacht" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            // Starting today: on track, so their only items are the reports.
            var reported = await WorklistTests.ContractAsync(inkoop, today, today.PlusDays(365));
            foreach (var value in new[] { 1_000m, 2_000m })
                await (await wsp.PostJsonAsync($"/api/v1/contracts/{reported}/fulfilments", Training(value).With("date", Iso(today))))
                    .ShouldBeAsync(HttpStatusCode.Created);
        }

        var compared = 0;
        // Today, and dates that move contracts from one kind to the next: before some start, after every end, after every
        // repair period.
        foreach (var date in new[] { today, today.PlusDays(-250), today.PlusDays(30), today.PlusDays(150), today.PlusDays(500), today.PlusDays(1_000) })
            foreach (var kind in Enum.GetValues<WorklistKind>().Select(k => (WorklistKind?)k).Prepend(null))
                foreach (var (municipality, takingPart) in new[] { (Municipality, false), (Municipality, true), ("GM0518", true), ("GM0603", true) })
                    // Pages 1 and 2 at the default size are sent prepared (WorklistQuery.Prepared): one text per kind and scope,
                    // prepared once per connection and then bound to every date here.
                    foreach (var (page, size) in new[] { (1, 100), (1, 2), (2, 2), (3, 2), (9, 5), (1, 20), (2, 20) })
                    {
                        // The shared municipalities may hold contracts other tests wrote apart (the operator's switch on), which
                        // only the statements with the report documents' branches list (arms and scan alike), as a node sends
                        // them once it has seen the switch on; this test's own municipality holds none, so both forms are held.
                        var shared = municipality != Municipality;
                        var arms = await ReadAsync(await QueryAsync(date, municipality, kind, page, size, takingPart) with { ReportsApart = shared });
                        var scan = await ReadAsync(await QueryAsync(date, municipality, kind, page, size, takingPart) with { Scan = true, ReportsApart = shared });
                        arms.Items.Select(Row).Should().Equal(scan.Items.Select(Row), $"{date} {kind} {municipality} {takingPart} page {page} of {size}");
                        arms.Total.Should().Be(scan.Total);
                        arms.TotalIsExact.Should().BeTrue();
                        if (size == 100 && municipality == Municipality)
                        {
                            // The statement once the operator's switch has been on (report documents read where a contract's
                            // column is empty) answers the same for contracts with their lists (this test's own: other tests
                            // leave contracts written apart in the shared municipalities, which only that statement lists).
                            var apart = await ReadAsync(await QueryAsync(date, municipality, kind, page, size, takingPart) with { ReportsApart = true });
                            (apart.Items.Select(Row), apart.Total).Should().BeEquivalentTo((arms.Items.Select(Row), arms.Total), o => o.WithStrictOrdering());
                        }
                        compared += scan.Items.Count;
                    }
        // The comparison compared something: today's own list alone holds 3 behind, 3 overdue, 3 settlement due, 4 reports.
        compared.Should().BeGreaterThan(500);
        var own = await ReadAsync(await QueryAsync(today, Municipality, null, 1, 100, false));
        own.Items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count()).Should().BeEquivalentTo(new Dictionary<WorklistKind, int>
        {
            [WorklistKind.Behind] = 3, [WorklistKind.Overdue] = 3, [WorklistKind.SettlementDue] = 3, [WorklistKind.ReportPendingReview] = 4,
        });
        (await ReadAsync(await QueryAsync(today, Municipality, WorklistKind.PlanMissing, 1, 100, false))).Items.Should().HaveCountGreaterThan(2);

        // Counted up to a bound per kind: beyond it the total is what was counted (each kind up to the bound + 1) and not exact.
        var bounded = await ReadAsync(await QueryAsync(today, Municipality, null, 2, 2, false) with { CountUpTo = 2 });
        bounded.TotalIsExact.Should().BeFalse();
        bounded.Total.Should().Be(4 * 3);
        bounded.Items.Select(Row).Should().Equal(own.Items.Skip(2).Take(2).Select(Row));
        // Never below what the page and the pages before it hold.
        var all = await ReadAsync(await QueryAsync(today, Municipality, null, 1, 100, false) with { CountUpTo = 2 });
        (all.Total, all.TotalIsExact, all.Items.Count).Should().Be((13L, false, 13));
        var behindBounded = await ReadAsync(await QueryAsync(today, Municipality, WorklistKind.Behind, 1, 100, false) with { CountUpTo = 3 });
        (behindBounded.Total, behindBounded.TotalIsExact).Should().Be((3L, true));
        // The reports' count (two contracts hold the four): beyond the bound in contracts, taken from the index alone (the
        // bound + 1); within it, their reports summed, up to the bound + 1.
        foreach (var (upTo, total, exact) in new[] { (1, 2L, false), (3, 4L, false), (4, 4L, true) })
        {
            var reports = await ReadAsync(await QueryAsync(today, Municipality, WorklistKind.ReportPendingReview, 1, 1, false) with { CountUpTo = upTo });
            (reports.Total, reports.TotalIsExact).Should().Be((total, exact), $"the reports counted up to {upTo}");
        }
    }

    [Fact]
    public async Task A_policy_version_added_later_moves_the_stored_settlement_due_date_of_the_contracts_it_governs()
    {
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", PolicyLater);
        var wsp = await api.ClientAsync("wsp", PolicyLater);
        var endsOn = today.PlusDays(-40);
        // No policy yet: the default three months, so overdue since the day after the end.
        var contract = await WorklistTests.ContractAsync(inkoop, today.PlusDays(-400), endsOn, awardedOn: today.PlusDays(-430));
        var before = await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
        before["items"]!.AsArray().Select(i => (i!["kind"]!.GetValue<string>(), i["contractId"]!.GetValue<string>(), i["dueSince"]!.GetValue<string>()))
            .Should().Equal(("overdue", contract, Iso(endsOn.PlusDays(1))));
        before["totalIsExact"]!.GetValue<bool>().Should().BeTrue();

        // A version in force on its award date with a repair period of one month: settlement due since a month after the end.
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", new JsonObject
        {
            ["municipality"] = PolicyLater, ["effectiveFrom"] = Iso(today.PlusDays(-500)), ["percentage"] = 5, ["description"] = "Herstel een maand",
            ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
            ["repairPeriodMonths"] = 1,
        })).ShouldBeAsync(HttpStatusCode.Created);

        var after = await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
        after["items"]!.AsArray().Select(i => (i!["kind"]!.GetValue<string>(), i["contractId"]!.GetValue<string>(), i["dueSince"]!.GetValue<string>()))
            .Should().Equal(("settlement-due", contract, Iso(endsOn.PlusMonths(1).PlusDays(1))));
        // And the scan, which looks the policy up as it reads, agrees.
        var scan = await ReadAsync(await QueryAsync(today, PolicyLater, null, 1, 20, false) with { Scan = true });
        scan.Items.Select(i => (i.Kind, i.DueSince)).Should().Equal((WorklistKind.SettlementDue, endsOn.PlusMonths(1).PlusDays(1)));
    }

    [Fact]
    public async Task A_prepared_page_keeps_its_plan_for_the_day_and_lets_the_previous_days_go()
    {
        // The day is in the statement's text, the municipality its one parameter: PostgreSQL plans it for its first five
        // calls on a connection, then keeps a generic plan (no planning at a call); a new day is a new text, and the
        // previous day's is unprepared on that connection.
        var today = Today;
        var db = api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var query = await QueryAsync(today, Municipality, null, 1, 20, false);
        query.Prepared.Should().BeTrue();
        await using var connection = await db.OpenConnectionAsync();
        var first = await RowsAsync(connection, query);
        foreach (var _ in Enumerable.Range(0, 7))
            (await RowsAsync(connection, query)).Should().Equal(first);
        var kept = await PreparedAsync(connection);
        kept.Should().ContainSingle(p => p.Text.Contains(Iso(today)) && p.Generic > 0 && p.Custom == 5, "planned five times, then its plan kept");

        var tomorrow = query with { Today = today.PlusDays(1) };
        await RowsAsync(connection, tomorrow);
        var next = await PreparedAsync(connection);
        next.Should().ContainSingle(p => p.Text.Contains(Iso(today.PlusDays(1))));
        next.Should().NotContain(p => p.Text.Contains(Iso(today)), "the previous day's text is let go");
    }

    private static async Task<List<string>> RowsAsync(Npgsql.NpgsqlConnection connection, WorklistQuery query)
    {
        await using var command = await query.PreparedOnAsync(connection, CancellationToken.None);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        return rows;
    }

    private static async Task<List<(string Text, long Generic, long Custom)>> PreparedAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE 'WITH page AS%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return rows;
    }

    private static (WorklistKind, LocalDate, Guid, Guid?, string, bool, long) Row(WorklistItem item) =>
        (item.Kind, item.DueSince, item.ContractId, item.FulfilmentId, item.Municipality.Value, item.TakingPart, item.Version);

    /// <summary>As the endpoint builds it: a WSP's list with the regional contracts (every policy), else the municipality's policy.</summary>
    private async Task<WorklistQuery> QueryAsync(LocalDate date, string municipality, WorklistKind? kind, int page, int size, bool takingPart)
    {
        var store = api.Services.GetRequiredService<Marten.IDocumentStore>();
        var code = MunicipalityCode.Parse(municipality);
        var policies = await MunicipalityDocuments.OneOrAllAsync<SroiPolicyDocument>(store, takingPart ? null : code, PolicyEvents.StreamOf, CancellationToken.None);
        return new WorklistQuery(date, code, kind, page, size, [.. policies.Select(p => p.History)]) { TakingPart = takingPart };
    }

    private Task<WorklistPage> ReadAsync(WorklistQuery query) =>
        query.ReadAsync(api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), api.Services.GetRequiredService<Marten.IDocumentStore>(), CancellationToken.None);
}
