using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Contracts.ReportsApart;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using Sroi.Ledger.Api.Worklist;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Worklist;

/// <summary>
/// Issue 23, stage 3, step 4: with the operator's switch on, a contract's reports awaiting review leave its document and
/// its <c>pending_reports</c> column (an empty array; the totals list none of them) and the worklist reads them from the
/// report documents through their index (<c>sroi_fulfilment_pending</c>); <c>pending_since</c> is kept by the fold
/// (<see cref="ContractDocument.OldestPendingOn"/>), the next oldest read from that index when the oldest leaves review.
/// Contracts still written with their list keep the column, so a list of both kinds answers every report once, in order, as
/// the scan does. Every test leaves the switch off.
/// </summary>
[Collection(ApiCollection.Name)]
public class WorklistReportsApartTests(LedgerApi api) : IAsyncLifetime
{
    /// <summary>Used by no other test (each of this class's its own).</summary>
    private const string Municipality = "GM9318";

    /// <inheritdoc cref="Municipality"/>
    private const string DaysApart = "GM9319";

    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ReportsApartSwitchTests.TurnOffAsync(api);

    [Fact]
    public async Task With_the_switch_on_the_reports_awaiting_review_leave_the_row_and_the_worklist_reads_them_from_their_documents()
    {
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: Municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        async Task<Guid> ReportAsync(string contract, decimal value) =>
            (await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments", Training(value).With("date", Iso(today))))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        async Task AcceptAsync(string contract, Guid report) =>
            await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments/{report}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);

        // Written with the list (switch off): one stays so, one is converted by its write once the switch is on.
        var withList = await WorklistTests.ContractAsync(inkoop, today, today.PlusDays(365));
        var converted = await WorklistTests.ContractAsync(inkoop, today, today.PlusDays(365));
        var pending = new Dictionary<Guid, (string Contract, decimal Value)>();
        foreach (var value in new[] { 1_000m, 2_000m })
        {
            pending[await ReportAsync(withList, value)] = (withList, value);
            pending[await ReportAsync(converted, value + 1)] = (converted, value + 1);
        }
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        var acceptedFirst = pending.Keys.First(id => pending[id].Contract == converted);
        await AcceptAsync(converted, acceptedFirst);
        pending.Remove(acceptedFirst);
        pending[await ReportAsync(converted, 3_001m)] = (converted, 3_001m);
        // Registered with the switch on.
        var apart = await WorklistTests.ContractAsync(inkoop, today, today.PlusDays(365));
        (await DocumentAsync(apart)).State.ReportsApart.Should().BeTrue("a contract registered while the switch is on is apart from its first write");
        (await DiscrepanciesAsync(apart)).Should().BeEmpty();
        foreach (var value in new[] { 500m, 600m, 700m })
            pending[await ReportAsync(apart, value)] = (apart, value);

        (await RowAsync(withList)).Should().Be((2, today), "a document with its list keeps the column");
        foreach (var contract in new[] { converted, apart })
        {
            (await RowAsync(contract)).Should().Be((0, today), "the column is empty, the oldest pending day kept");
            var stored = await DocumentAsync(contract);
            (stored.State.ReportsApart, stored.State.Totals!.Pending.Count, stored.OldestPendingOn).Should().Be((true, 0, today));
            stored.State.Totals.Reports.PendingCount.Should().Be(pending.Values.Count(p => p.Contract == contract));
        }

        // Every report once, with its kind and value, in the order of day, reference and id, as the scan answers it.
        var all = await ReadAsync(await QueryAsync(today, WorklistKind.ReportPendingReview, 1, 100));
        all.Items.Select(i => (i.FulfilmentId!.Value, i.ContractId.ToString(), i.ReportedValue!.Value.Euros, i.FulfilmentKind))
            .Should().BeEquivalentTo(pending.Select(p => (p.Key, p.Value.Contract, p.Value.Value, (FulfilmentKind?)FulfilmentKind.Training)));
        (all.Total, all.TotalIsExact).Should().Be((7L, true));
        foreach (var kind in new WorklistKind?[] { null, WorklistKind.ReportPendingReview })
            foreach (var (page, size) in new[] { (1, 100), (1, 2), (2, 2), (3, 2), (4, 2), (1, 20), (2, 3) })
            {
                var arms = await ReadAsync(await QueryAsync(today, kind, page, size));
                var scan = await ReadAsync(await QueryAsync(today, kind, page, size) with { Scan = true });
                arms.Items.Select(Row).Should().Equal(scan.Items.Select(Row), $"{kind} page {page} of {size}");
                (arms.Total, arms.TotalIsExact).Should().Be((scan.Total, true));
            }
        // The count bounded: three contracts (beyond one, the bound + 1 from the contracts' index), their reports summed
        // from the column and the report documents.
        foreach (var (upTo, total, exact) in new[] { (2, 3L, false), (3, 4L, false), (6, 7L, false), (7, 7L, true) })
        {
            var bounded = await ReadAsync(await QueryAsync(today, WorklistKind.ReportPendingReview, 1, 1) with { CountUpTo = upTo });
            (bounded.Total, bounded.TotalIsExact).Should().Be((total, exact), $"the reports counted up to {upTo}");
        }
        // The endpoint answers the same reports.
        var answer = await (await wsp.GetAsync("/api/v1/worklist?kind=report-pending-review&pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
        answer["items"]!.AsArray().Select(i => i!["fulfilmentId"]!.GetValue<Guid>()).Should().Equal(all.Items.Select(i => i.FulfilmentId!.Value));

        // Reviewed, the reports leave the list; with none left the contract has no oldest pending day.
        foreach (var report in pending.Where(p => p.Value.Contract == apart).Select(p => p.Key).ToList())
        {
            await AcceptAsync(apart, report);
            pending.Remove(report);
        }
        (await RowAsync(apart)).Should().Be((0, (LocalDate?)null));
        (await DocumentAsync(apart)).OldestPendingOn.Should().BeNull();
        (await ReadAsync(await QueryAsync(today, WorklistKind.ReportPendingReview, 1, 100))).Items.Select(i => i.FulfilmentId!.Value)
            .Should().BeEquivalentTo(pending.Keys);
        foreach (var contract in new[] { withList, converted, apart })
            (await DiscrepanciesAsync(contract)).Should().BeEmpty("a document without its list is the fold's, as that fold writes it");
    }

    [Fact]
    public async Task The_oldest_pending_day_moves_to_the_next_oldest_report_when_the_oldest_leaves_review()
    {
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", DaysApart);
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        var contract = await WorklistTests.ContractAsync(inkoop, today.PlusDays(-30), today.PlusDays(365));
        var stream = new StreamId($"contract-{contract}");
        var events = api.Services.GetRequiredService<LedgerEvents>();
        var code = MunicipalityCode.Parse(DaysApart);
        var version = await events.StreamVersionAsync(code, stream);
        // Reports made on different days (through the service's own event log, as a write of an earlier day would have).
        async Task AppendAsync(params Domain.Contracts.IContractEvent[] changes)
        {
            await events.AppendAsync(new AppendRequest(code, stream, version, [.. changes], new EventMetadata("wsp:test", "oldest-pending")));
            version += changes.Length;
        }
        Domain.Contracts.IContractEvent Made(Guid id, int daysAgo) => new FulfilmentReported(id, Reporter.Wsp,
            new FulfilmentReport.Training("Cursus", new Money(10_000), null),
            new Valuation(new Money(10_000), "test", [], 0, 0), today.PlusDays(-daysAgo), null);
        var (tenDays, fiveDays, alsoFive, oneDay) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await AppendAsync(Made(fiveDays, 5), Made(tenDays, 10));
        await AppendAsync(Made(alsoFive, 5));
        await AppendAsync(Made(oneDay, 1));
        (await RowAsync(contract, DaysApart)).Should().Be((0, today.PlusDays(-10)));

        // The oldest reviewed: the next oldest from the report documents' index (two on that day).
        await AppendAsync(new FulfilmentAccepted(tenDays, today, null));
        (await RowAsync(contract, DaysApart)).Should().Be((0, today.PlusDays(-5)));
        await AppendAsync(new FulfilmentRejected(fiveDays, today, "Geen bewijs"));
        (await RowAsync(contract, DaysApart)).Should().Be((0, today.PlusDays(-5)), "another report of that day still awaits review");
        // Two in one append: the fold holds the first's outcome in memory when it reads the index for the second.
        await AppendAsync(new FulfilmentWithdrawn(alsoFive, today, null), Made(Guid.NewGuid(), 3));
        (await RowAsync(contract, DaysApart)).Should().Be((0, today.PlusDays(-3)));
        var list = await ReadAsync(await QueryAsync(today, WorklistKind.ReportPendingReview, 1, 100, DaysApart));
        list.Items.Where(i => i.ContractId.ToString() == contract).Select(i => i.DueSince).Should().Equal(today.PlusDays(-3), today.PlusDays(-1));
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    private static (WorklistKind, LocalDate, Guid, Guid?, FulfilmentKind?, Money?, long) Row(WorklistItem item) =>
        (item.Kind, item.DueSince, item.ContractId, item.FulfilmentId, item.FulfilmentKind, item.ReportedValue, item.Version);

    /// <summary>The contract row's <c>pending_reports</c> length and <c>pending_since</c>.</summary>
    private async Task<(int, LocalDate?)> RowAsync(string contract, string municipality = Municipality)
    {
        await using var command = api.DataSource.CreateCommand(
            $"SELECT jsonb_array_length(pending_reports), pending_since FROM {ContractStorage.Table} WHERE tenant_id = $1 AND id = $2");
        command.Parameters.AddWithValue(municipality);
        command.Parameters.AddWithValue($"contract-{contract}");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : LocalDate.FromDateTime(reader.GetDateTime(1)));
    }

    private async Task<ContractDocument> DocumentAsync(string contract)
    {
        await using var session = Store.QuerySession(Municipality);
        return (await session.LoadAsync<ContractDocument>($"contract-{contract}"))!;
    }

    private async Task<List<string>> DiscrepanciesAsync(string contract)
    {
        var auditor = await api.ClientAsync("auditor");
        var verification = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        return [.. verification["discrepancies"]!.AsArray()
            .Where(d => d!["stream"]!.GetValue<string>() == $"contract-{contract}").Select(d => $"{d!["code"]}: {d["detail"]}")];
    }

    private async Task<WorklistQuery> QueryAsync(LocalDate date, WorklistKind? kind, int page, int size, string municipality = Municipality)
    {
        var code = MunicipalityCode.Parse(municipality);
        var policies = await MunicipalityDocuments.OneOrAllAsync<SroiPolicyDocument>(Store, code, PolicyEvents.StreamOf, CancellationToken.None);
        // As the endpoint sends it once the switch has been on.
        return new WorklistQuery(date, code, kind, page, size, [.. policies.Select(p => p.History)]) { ReportsApart = true };
    }

    private Task<WorklistPage> ReadAsync(WorklistQuery query) =>
        query.ReadAsync(api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), Store, CancellationToken.None);
}
