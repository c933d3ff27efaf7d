using Sroi.Ledger.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Contracts.ReportsApart;
using Sroi.Ledger.Api.Fulfilments.Storing;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23, stage 2 under attack (session 35): a contract command decides on the reports it needs (a slice read from the
/// report documents) and on totals kept incrementally. Each scenario drives the API through the sequences where a slice or
/// an incremental total is most likely to drift from the whole list (corrections of corrections, the overlap and cap of one
/// candidate across corrections, rejected then corrected, withdraw after correct, plan revisions around reviews, the
/// settlement while a correction is pending, concurrent commands on one contract), and after each step holds every figure
/// to the whole list folded afresh from the contract's events (<see cref="FiguresHoldAsync"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public class Stage2AttackTests(LedgerApi api)
{
    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    protected LedgerApi Api => api;

    /// <summary>
    /// Whether the operator's switch is on (<see cref="Stage2AttackWithReportsApartTests"/>): the contract's document is then
    /// written without its list, and the same figures must hold.
    /// </summary>
    protected virtual bool Apart => false;

    private const string Tenant = "GM0603";

    [Fact]
    public async Task Corrections_of_corrections_for_one_candidate_decide_overlap_and_value_as_on_the_whole_list_and_every_figure_matches_a_fresh_fold()
    {
        var contract = await ContractAsync(api);
        var a = await contract.ReportAsync(Employment("K1", start: "2024-04-01", end: "2024-06-30"));
        await contract.AcceptAsync(a);
        await FiguresHoldAsync(contract);

        // A correction of the accepted report waits beside it (both count for the overlap).
        var c1 = await CorrectAsync(contract, a, Employment("K1", start: "2024-04-01", end: "2024-07-31"));
        await FiguresHoldAsync(contract);
        (await RefusedAsync(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment("K1", start: "2024-07-01", end: "2024-08-31"))))
            .Should().Be("fulfilment.period-overlap", "the pending correction c1 covers July");

        // A second correction of the accepted report while c1 waits: refused; a correction of c1 takes its place.
        (await RefusedAsync(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{a["id"]}/correction", Employment("K1", start: "2024-04-01", end: "2024-05-31"))))
            .Should().Be("fulfilment.correction-pending");
        var c2 = await CorrectAsync(contract, c1, Employment("K1", start: "2024-04-01", end: "2024-05-31"));
        await FiguresHoldAsync(contract);

        // July is free now (a: April-June, c2: April-May).
        var b = await contract.ReportAsync(Employment("K1", start: "2024-07-01", end: "2024-08-31"));
        await FiguresHoldAsync(contract);

        // c2 rejected: a counts alone again. A correction of c2 is refused: its chain (c2 replaced c1, which corrected a)
        // starts from a, which still counts, so it would count beside it (the chain rule below).
        await contract.RejectAsync(c2);
        await FiguresHoldAsync(contract);
        (await RefusedAsync(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{c2["id"]}/correction", Employment("K1", start: "2024-04-01", end: "2024-06-15"))))
            .Should().Be("fulfilment.correct-the-original", "a (April-June) still counts");
        (await RefusedAsync(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{a["id"]}/correction", Employment("K1", start: "2024-04-01", end: "2024-09-30"))))
            .Should().Be("fulfilment.period-overlap", "b covers July and August");

        // Withdraw after correct: a's pending correction goes, a counts as before.
        var c3 = await CorrectAsync(contract, a, Employment("K1", start: "2024-04-01", end: "2024-06-15"));
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{c3["id"]}/withdrawal", new JsonObject { ["reason"] = "Verkeerde periode" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await FiguresHoldAsync(contract);

        // A correction of a pending report (b), then of that correction, then accepted; and a's last correction accepted.
        var b2 = await CorrectAsync(contract, b, Employment("K1", start: "2024-07-01", end: "2024-09-30"));
        var b3 = await CorrectAsync(contract, b2, Employment("K1", hours: 20m, start: "2024-07-01", end: "2024-10-31"));
        await FiguresHoldAsync(contract);
        await contract.AcceptAsync(b3);
        var c4 = await CorrectAsync(contract, a, Employment("K1", hours: 24m, start: "2024-04-01", end: "2024-06-30"));
        await FiguresHoldAsync(contract);
        await contract.AcceptAsync(c4);
        await FiguresHoldAsync(contract);

        // A rejected report (not a correction) corrected; then corrected again while that correction is pending.
        var t = await contract.ReportAsync(Training(900m));
        await contract.RejectAsync(t);
        var t2 = await CorrectAsync(contract, t, Training(950m));
        var t3 = await CorrectAsync(contract, t2, Training(975m));
        await FiguresHoldAsync(contract);
        await contract.AcceptAsync(t3);
        var balance = await FiguresHoldAsync(contract);
        balance.ByKind[FulfilmentKind.Training].Accepted.Euros.Should().Be(975m);
        balance.ByKind[FulfilmentKind.Training].Rejected.Euros.Should().Be(0m, "the rejected report was corrected: it is replaced, counted nowhere");
    }

    [Fact]
    public async Task Plan_revisions_around_pending_accepted_and_corrected_reports_realise_what_the_whole_list_realises()
    {
        var contract = await ContractAsync(api);
        var p1 = await contract.ReportAsync(Employment("P1", start: "2024-04-01", end: "2024-06-30"));
        var p2 = await contract.ReportAsync(Employment("P2", start: "2024-05-01", end: "2024-06-30"));
        await SubmitPlanAsync(contract, employees: 3);
        await FiguresHoldAsync(contract);
        await contract.AcceptAsync(p1);
        await FiguresHoldAsync(contract);
        await ApprovePlanAsync(contract);
        await FiguresHoldAsync(contract);

        // A revision submitted while p2 waits; p1 corrected (to another period, still in the line) and the revision returned.
        await SubmitPlanAsync(contract, employees: 4, to: "2024-09-30");
        var p1b = await CorrectAsync(contract, p1, Employment("P1", start: "2024-10-01", end: "2024-11-30"));
        await FiguresHoldAsync(contract);
        await contract.AcceptAsync(p2);
        await contract.AcceptAsync(p1b);
        await FiguresHoldAsync(contract);
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/return", new JsonObject { ["reason"] = "Te weinig" })).ShouldBeAsync(HttpStatusCode.OK);
        await FiguresHoldAsync(contract);

        // A revision whose line ends before p1's corrected period: P1 no longer counts in it, P2 does.
        await SubmitPlanAsync(contract, employees: 5, to: "2024-09-30");
        await ApprovePlanAsync(contract);
        var stored = await StoredAsync(contract);
        stored.Plan.InForce!.Lines[0].Realised.Should().Be(1m, "only P2 works in April-September once P1's report was corrected to October");
        await FiguresHoldAsync(contract);
    }

    [Fact]
    public async Task The_settlement_waits_for_a_pending_correction_of_an_accepted_report_and_then_rests_on_the_whole_list()
    {
        var contract = await ContractAsync(api);
        var a = await contract.AcceptAsync(await contract.ReportAsync(Training(1_000m)));
        var c = await CorrectAsync(contract, a, Training(1_100m));
        (await RefusedAsync(contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 1_000, ["reason"] = "Na herstelperiode" }))).Should().Be("settlement.pending-reports");
        await contract.AcceptAsync(c);
        var settled = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 1_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.Created);
        settled.Decimal("accepted").Should().Be(1_100m);
        await FiguresHoldAsync(contract);
    }

    [Fact]
    public async Task Concurrent_reviews_and_corrections_on_one_contract_lose_races_with_409_or_422_never_a_wrong_total()
    {
        var contract = await ContractAsync(api);
        var reports = new List<JsonNode>();
        for (var i = 0; i < 6; i++) reports.Add(await contract.ReportAsync(Training(100m + i)));
        await contract.AcceptAsync(reports[0]);
        await contract.AcceptAsync(reports[1]);

        // On each report at once: its acceptance, its rejection and its correction (the accepted ones: two corrections).
        var requests = new List<Task<HttpResponseMessage>>();
        foreach (var (report, i) in reports.Select((r, i) => (r, i)))
        {
            var url = $"{contract.Url}/fulfilments/{report["id"]}";
            requests.Add(contract.Wsp.PostJsonAsync($"{url}/acceptance", new JsonObject()));
            requests.Add(contract.Wsp.PostJsonAsync($"{url}/rejection", new JsonObject { ["reason"] = "Geen bewijs" }));
            requests.Add(contract.Contractor.PostJsonAsync($"{url}/correction", Training(200m + i)));
            requests.Add(contract.Contractor.PostJsonAsync($"{url}/correction", Training(300m + i)));
        }
        var answers = await Task.WhenAll(requests);
        answers.Select(r => (int)r.StatusCode).Should().OnlyContain(s => s == 200 || s == 201 || s == 409 || s == 422,
            "a lost race is a 409 or a broken rule, never a 500");
        await FiguresHoldAsync(contract);

        // Whatever is pending now, reviewed at once (accept and reject racing on each).
        var pending = (await ListAsync(contract)).Where(r => r["status"]!.GetValue<string>() == "pending").ToList();
        var reviews = pending.SelectMany(r => new[]
        {
            contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{r["id"]}/acceptance", new JsonObject()),
            contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{r["id"]}/rejection", new JsonObject { ["reason"] = "Geen bewijs" }),
        }).ToList();
        (await Task.WhenAll(reviews)).Select(r => (int)r.StatusCode).Should().OnlyContain(s => s == 200 || s == 409 || s == 422);
        await FiguresHoldAsync(contract);
    }

    [Fact]
    public async Task Report_documents_left_behind_by_a_build_without_them_are_not_decided_on_the_events_are()
    {
        var contract = await ContractAsync(api);
        var r = await contract.ReportAsync(Training(500m));
        var stream = $"contract-{contract.Id}";
        var before = await ScalarAsync<string>($"SELECT data::text FROM {FulfilmentStorage.Table} WHERE id = $1", r["id"]!.GetValue<Guid>());
        var version = await ScalarAsync<long>($"SELECT version FROM {FulfilmentDocuments.StreamsTable} WHERE contract_id = $1", stream);
        await contract.AcceptAsync(r);
        // As a node of a build before the report documents leaves them: the acceptance not folded into them, the stream's
        // mark at the version before it.
        await ExecuteAsync($"UPDATE {FulfilmentStorage.Table} SET data = $2::jsonb WHERE id = $1", r["id"]!.GetValue<Guid>(), before);
        await ExecuteAsync($"UPDATE {FulfilmentDocuments.StreamsTable} SET version = $2 WHERE contract_id = $1", stream, version);

        (await ListAsync(contract)).Single()["status"]!.GetValue<string>().Should().Be("accepted", "the lagging documents are not read");
        // Decided on the accepted report (its correction waits beside it), not on the stale pending one (replaced at once).
        var c = await CorrectAsync(contract, r, Training(600m));
        (await StoredReportAsync(contract, r["id"]!.GetValue<Guid>())).PendingCorrection.Should().Be(c["id"]!.GetValue<Guid>());
        await FiguresHoldAsync(contract);
        await contract.AcceptAsync(c);
        (await FiguresHoldAsync(contract)).Accepted.Euros.Should().Be(600m);
    }

    /// <summary>
    /// Found by attacking stage 2 (it answered a 500): on the rule "correct the original", a rejected correction is corrected while the accepted report it corrected has no document. The slice holds the named
    /// report (it has its document) but not the original it replaces (<c>ContractReports.SliceAsync</c> looks it up by id and
    /// finds nothing; the events are folded only when the NAMED report is missing), so <c>FulfilmentDecider</c> indexes
    /// <c>state.Fulfilments[original]</c> on a list without it: a KeyNotFoundException, a 500, where the whole list answers
    /// 422 fulfilment.correct-the-original.
    /// </summary>
    [Fact]
    public async Task A_rejected_correction_whose_original_has_no_document_is_refused_with_a_422_not_a_500()
    {
        var contract = await ContractAsync(api);
        var a = await contract.AcceptAsync(await contract.ReportAsync(Training(800m)));
        var c = await CorrectAsync(contract, a, Training(850m));
        await contract.RejectAsync(c);
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE id = $1", a["id"]!.GetValue<Guid>());

        (await RefusedAsync(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{c["id"]}/correction", Training(900m))))
            .Should().Be("fulfilment.correct-the-original", "report a, which c corrected, is accepted and still counts");
    }

    /// <summary>
    /// Found by attacking stage 2, a domain gap older than it (main decided the same on the whole list). The rule
    /// "correct the original" (<c>FulfilmentDecider.Decide(CorrectFulfilment)</c>) refuses a correction of a rejected
    /// correction whose original still counts, since both would count. It looks one step back only (<c>old.Replaces</c>):
    /// a rejected correction of a correction (a accepted; c1 corrects a; c2 corrects c1; c2 rejected) replaces c1, which is
    /// Replaced, not Accepted, so a correction of c2 is taken, stands alone (nothing to supersede), and once accepted
    /// counted beside a: the same training paid twice (accepted € 1.000 + € 1.100). Now the rule walks the chain of
    /// <c>Replaces</c> to the accepted original, and the slice (<c>ReportSlice.Of(reports, needs)</c>, <c>ContractReports.SliceAsync</c>)
    /// loads that chain, not one step of it.
    /// </summary>
    [Fact]
    public async Task A_correction_of_a_rejected_correction_of_a_correction_is_refused_while_the_original_counts()
    {
        var contract = await ContractAsync(api);
        var a = await contract.AcceptAsync(await contract.ReportAsync(Training(1_000m)));
        var c1 = await CorrectAsync(contract, a, Training(1_050m));
        var c2 = await CorrectAsync(contract, c1, Training(1_075m));
        await contract.RejectAsync(c2);
        await FiguresHoldAsync(contract);

        (await RefusedAsync(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{c2["id"]}/correction", Training(1_100m))))
            .Should().Be("fulfilment.correct-the-original", "report a, which c2's chain corrected, is accepted and still counts");
    }

    // ---- helpers ----
    private Task<T> ScalarAsync<T>(string sql, params object[] values) => api.DataSource.ScalarAsync<T>(sql, values);

    private async Task ExecuteAsync(string sql, params object[] values) => (await api.DataSource.ExecuteAsync(sql, values)).Should().Be(1);


    private static async Task<JsonNode> CorrectAsync(ContractUnderReport contract, JsonNode report, JsonObject body) =>
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/correction", body)).ShouldBeAsync(HttpStatusCode.Created);

    private static async Task<string> RefusedAsync(Task<HttpResponseMessage> request)
    {
        var problem = await (await request).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        return problem["code"]!.GetValue<string>();
    }

    /// <summary>A plan of an employment line (persons) and a training line (euros), submitted by the contractor (also ReportsApartAttackTests).</summary>
    internal static async Task SubmitPlanAsync(ContractUnderReport contract, int employees, string to = "2024-12-31")
    {
        var plan = new JsonObject
        {
            ["lines"] = new JsonArray(
                new JsonObject { ["kind"] = "employment", ["from"] = "2024-04-01", ["to"] = to, ["amount"] = employees },
                new JsonObject { ["kind"] = "training", ["from"] = "2024-04-01", ["to"] = "2025-03-31", ["amount"] = 5_000.00 }),
        };
        var content = new StringContent(plan.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        await (await contract.Contractor.PutAsync($"{contract.Url}/plan", content)).ShouldBeAsync(HttpStatusCode.OK);
    }

    private static async Task ApprovePlanAsync(ContractUnderReport contract) =>
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<IReadOnlyList<JsonNode>> ListAsync(ContractUnderReport contract)
    {
        var list = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
        return [.. list["items"]!.AsArray().Select(n => n!)];
    }

    /// <summary>A report as stored: in the contract's list, or with the switch on in its report document.</summary>
    private async Task<Fulfilment> StoredReportAsync(ContractUnderReport contract, Guid id)
    {
        if (!Apart) return (await StoredAsync(contract)).State.Fulfilments[id];
        await using var session = Store.QuerySession(Tenant);
        return (await session.LoadAsync<FulfilmentDocument>(id))!.Report;
    }

    private async Task<ContractDocument> StoredAsync(ContractUnderReport contract)
    {
        await using var session = Store.QuerySession(Tenant);
        return (await session.LoadAsync<ContractDocument>($"contract-{contract.Id}"))!;
    }

    /// <summary>
    /// Every figure of the contract against the whole list folded afresh from its events (no kept totals: they are folded
    /// from the list here): the stored document's balance, plan figures, pending reports and list; the fold Marten itself
    /// makes (<c>AggregateStreamAsync</c>, what the verification and the rebuild compute); the report documents; and the API's
    /// balance and report list. Returns the balance of the whole list.
    /// </summary>
    private async Task<ContractBalance> FiguresHoldAsync(ContractUnderReport contract)
    {
        var stream = $"contract-{contract.Id}";
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(stream);
        var fold = ContractDecider.Fold(events.Select(e => e.Data).OfType<IContractEvent>());
        var whole = fold with { Totals = null };
        var balance = ContractBalance.Of(whole);
        var plan = PlanFigures.Of(whole);

        var stored = (await session.LoadAsync<ContractDocument>(stream))!;
        stored.StreamVersion.Should().Be(events[^1].Version);
        stored.Balance.Should().BeEquivalentTo(balance, "the stored balance is the whole list's");
        stored.Plan.Should().BeEquivalentTo(plan, "the stored plan figures are the whole list's");
        if (Apart)
            (stored.State.ReportsApart, stored.State.Fulfilments.Count).Should().Be((true, 0), "with the switch on the list is not written");
        else
            stored.State.Fulfilments.InOrder.Should().BeEquivalentTo(fold.Fulfilments.InOrder, o => o.WithStrictOrdering());
        // With the switch on the reports awaiting review are not in the document (the worklist reads their own documents):
        // the totals list none, the column is empty, and the day of the oldest is kept.
        stored.State.Totals.Should().BeEquivalentTo(Apart ? ContractTotals.Of(whole) with { Pending = [] } : ContractTotals.Of(whole), o => o.WithStrictOrdering(),
            "stage 3 stores the totals, moved by each event's slice, and they are the whole list's");
        var oldest = fold.Fulfilments.InOrder.Where(f => f.Status == FulfilmentStatus.Pending).Select(f => (NodaTime.LocalDate?)f.ReportedOn).Min();
        stored.PendingSince.Should().Be(oldest);
        if (Apart)
            (stored.PendingReports, stored.OldestPendingOn).Should().Be(("[]", oldest));
        else
            JsonNode.Parse(stored.PendingReports)!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).Should()
                .Equal(fold.Fulfilments.InOrder.Where(f => f.Status == FulfilmentStatus.Pending).Select(f => f.Id));
        // The totals (issue 23, stage 2) folded from the list: what any later fold starts from.
        ContractTotals.Of(whole).Reports.PendingCount.Should().Be(fold.Fulfilments.InOrder.Count(f => f.Status == FulfilmentStatus.Pending));
        fold.Totals.Should().BeEquivalentTo(ContractTotals.Of(whole), o => o.WithStrictOrdering(), "the incremental fold keeps the whole list's totals");

        var live = (await session.Events.AggregateStreamAsync<ContractDocument>(stream))!;
        live.Balance.Should().BeEquivalentTo(stored.Balance, "a fresh fold (verification, rebuild) gives the stored figures");
        live.Plan.Should().BeEquivalentTo(stored.Plan);

        var documents = await session.Query<FulfilmentDocument>().Where(d => d.ContractId == stream).ToListAsync();
        documents.OrderBy(d => d.Position).Select(d => d.Report).Should().BeEquivalentTo(fold.Fulfilments.InOrder, o => o.WithStrictOrdering(),
            "the report documents a slice is read from are the whole list's");

        var api = await contract.BalanceAsync();
        (api.Decimal("accepted"), api.Decimal("pending"), api.Decimal("rejected"), api.Decimal("obligation"))
            .Should().Be((balance.Accepted.Euros, balance.Pending.Euros, balance.Rejected.Euros, balance.Obligation.Euros));
        (await ListAsync(contract)).Select(r => (r["id"]!.GetValue<Guid>(), r["status"]!.GetValue<string>())).Should()
            .Equal(fold.Fulfilments.InOrder.Select(f => (f.Id, f.Status.ToString().ToLowerInvariant())));
        // As known now (the events folded afresh by the history's path): the same figures.
        var now = Uri.EscapeDataString(NodaTime.SystemClock.Instance.GetCurrentInstant().Plus(NodaTime.Duration.FromSeconds(2)).ToString());
        var known = await (await contract.Wsp.GetAsync($"{contract.Url}/balance?asKnownOn={now}")).ShouldBeAsync(HttpStatusCode.OK);
        (known.Decimal("accepted"), known.Decimal("pending"), known.Decimal("rejected"), known.Decimal("obligation"))
            .Should().Be((balance.Accepted.Euros, balance.Pending.Euros, balance.Rejected.Euros, balance.Obligation.Euros));
        return balance;
    }
}

/// <summary>
/// The same attacks with the operator's switch on (issue 23, stage 3: <see cref="ReportsApartSwitch"/>): the contract's
/// document is written without its report list and its inline fold moves the stored totals by the slice each event reads from
/// the report documents (<see cref="ReportsApartFold"/>). Every figure must still be the whole list's. The switch is turned
/// off after each test (the collection's other tests expect it off; documents written apart stay apart).
/// </summary>
[Collection(ApiCollection.Name)]
public class Stage2AttackWithReportsApartTests(LedgerApi api) : Stage2AttackTests(api), IAsyncLifetime
{
    protected override bool Apart => true;

    public Task InitializeAsync() => ReportsApartSwitch.TurnOnAsync(Api.DataSource, CancellationToken.None);

    public Task DisposeAsync() => ReportsApartSwitchTests.TurnOffAsync(Api);
}
