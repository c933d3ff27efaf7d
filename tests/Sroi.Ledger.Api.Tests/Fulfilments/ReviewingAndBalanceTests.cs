using System.Net;
using System.Text.Json.Nodes;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

[Collection(ApiCollection.Name)]
public class ReviewingAndBalanceTests(LedgerApi api)
{
    [Fact]
    public async Task Only_accepted_value_is_fulfilled_and_pending_and_rejected_value_are_shown_apart()
    {
        var contract = await ContractAsync(api);
        var employment = await contract.ReportAsync(Employment());                           // 9.972,60
        var purchase = await contract.ReportAsync(SocialProcurement(UniqueInvoice()));       // 6.000,00
        var training = await contract.ReportAsync(Training(1_250m));                         // 1.250,00
        var accepted = await contract.AcceptAsync(employment);
        await contract.RejectAsync(training, "Geen factuur van de opleider");

        accepted["status"]!.GetValue<string>().Should().Be("accepted");
        var balance = await contract.BalanceAsync(contract.Contractor);
        balance.Decimal("obligation").Should().Be(10_000m);
        balance.Decimal("accepted").Should().Be(9_972.60m);
        balance.Decimal("fulfilled").Should().Be(9_972.60m);
        balance.Decimal("pending").Should().Be(6_000m);
        balance.Decimal("rejected").Should().Be(1_250m);
        balance.Decimal("remaining").Should().Be(27.40m);
        balance.Decimal("percentage").Should().Be(99.7m);
        balance.Decimal("byKind.employment.accepted").Should().Be(9_972.60m);
        balance.Decimal("byKind.social-procurement.pending").Should().Be(6_000m);
        balance.Decimal("byKind.training.rejected").Should().Be(1_250m);
        balance["status"]!.GetValue<string>().Should().Be("overdue"); // the term ended on 2025-03-31
        (await contract.Contractor.GetAsync($"{contract.Url}/fulfilments/{purchase["id"]}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await contract.AcceptAsync(purchase);
        var fulfilled = await contract.BalanceAsync();
        fulfilled["status"]!.GetValue<string>().Should().Be("fulfilled");
        fulfilled.Decimal("remaining").Should().Be(0m);
    }

    [Fact]
    public async Task A_contractor_cannot_review_and_a_report_is_reviewed_once()
    {
        var contract = await ContractAsync(api);
        var report = await contract.ReportAsync(Training());

        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/acceptance", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/rejection", new JsonObject { ["reason"] = "x" }))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await contract.AcceptAsync(report);

        var again = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/rejection", new JsonObject { ["reason"] = "toch niet" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        again["code"]!.GetValue<string>().Should().Be("fulfilment.not-pending");
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{Guid.NewGuid()}/acceptance", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.NotFound);
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/rejection", new JsonObject()))
            .ShouldNameFieldAsync("reason");
    }

    [Fact]
    public async Task An_acceptance_needs_no_body_and_keeps_an_optional_note()
    {
        var contract = await ContractAsync(api);
        var report = await contract.ReportAsync(Training());

        var response = await contract.Wsp.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{contract.Url}/fulfilments/{report["id"]}/acceptance"));
        (await response.ShouldBeAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().Should().Be("accepted");

        var noted = await contract.ReportAsync(Training(99m));
        var withNote = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{noted["id"]}/acceptance",
            new JsonObject { ["note"] = "Factuur gezien" })).ShouldBeAsync(HttpStatusCode.OK);
        withNote["reviewNote"]!.GetValue<string>().Should().Be("Factuur gezien");
    }

    [Fact]
    public async Task The_reporter_withdraws_a_pending_report_and_the_wsp_cannot_withdraw_the_contractors()
    {
        var contract = await ContractAsync(api);
        var report = await contract.ReportAsync(Training());

        var refused = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/withdrawal", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("fulfilment.withdrawal-by-reporter-only");
        var withdrawn = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/withdrawal",
            new JsonObject { ["reason"] = "dubbel ingevoerd" })).ShouldBeAsync(HttpStatusCode.OK);

        withdrawn["status"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["withdrawalReason"]!.GetValue<string>().Should().Be("dubbel ingevoerd");
        (await contract.BalanceAsync()).Decimal("pending").Should().Be(0m);
    }

    [Fact]
    public async Task A_correction_of_an_accepted_report_counts_once_accepted_and_until_then_the_accepted_amount_stands()
    {
        var contract = await ContractAsync(api);
        var invoice = UniqueInvoice();
        var purchase = await contract.ReportAsync(SocialProcurement(invoice, amount: 22_161.34m));            // 11.080,67
        await contract.AcceptAsync(purchase);
        var other = await ContractAsync(api);

        var correction = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{purchase["id"]}/correction",
            SocialProcurement(invoice, amount: 20_000m))).ShouldBeAsync(HttpStatusCode.Created);              // 10.000,00

        correction["replaces"]!.GetValue<string>().Should().Be(purchase["id"]!.GetValue<string>());
        var meanwhile = await contract.BalanceAsync();
        (meanwhile.Decimal("accepted"), meanwhile.Decimal("pending")).Should().Be((11_080.67m, 10_000m), "the accepted report counts until the correction is accepted");
        var old = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{purchase["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        old["status"]!.GetValue<string>().Should().Be("accepted");
        old["pendingCorrection"]!.GetValue<string>().Should().Be(correction["id"]!.GetValue<string>());
        old["replacedBy"].Should().BeNull();
        await (await other.Contractor.PostJsonAsync($"{other.Url}/fulfilments", SocialProcurement(invoice))).ShouldBeAsync(HttpStatusCode.Conflict);

        await contract.RejectAsync(correction, "Creditnota ontbreekt");
        var rejected = await contract.BalanceAsync();
        (rejected.Decimal("accepted"), rejected.Decimal("pending"), rejected.Decimal("rejected")).Should().Be((11_080.67m, 0m, 10_000m));
        var restored = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{purchase["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        (restored["status"]!.GetValue<string>(), restored["pendingCorrection"]).Should().Be(("accepted", null));
        await (await other.Contractor.PostJsonAsync($"{other.Url}/fulfilments", SocialProcurement(invoice)))
            .ShouldBeAsync(HttpStatusCode.Conflict); // the accepted report still holds its invoice

        var second = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{purchase["id"]}/correction",
            SocialProcurement(invoice, amount: 20_000m))).ShouldBeAsync(HttpStatusCode.Created);
        await contract.AcceptAsync(second);
        var corrected = await contract.BalanceAsync();
        (corrected.Decimal("accepted"), corrected.Decimal("pending")).Should().Be((10_000m, 0m), "the accepted correction counts instead");
        var replaced = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{purchase["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        (replaced["status"]!.GetValue<string>(), replaced["replacedBy"]!.GetValue<string>()).Should().Be(("replaced", second["id"]!.GetValue<string>()));
        await (await other.Contractor.PostJsonAsync($"{other.Url}/fulfilments", SocialProcurement(invoice)))
            .ShouldBeAsync(HttpStatusCode.Conflict); // now the correction holds it

        // As known on each moment, and in the history, the same answers: the fold is the same.
        var auditor = await api.ClientAsync("auditor");
        var history = await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("contract.registered.v1",
            "contract.fulfilment-reported.v1", "contract.fulfilment-accepted.v1", "contract.fulfilment-reported.v1", "contract.fulfilment-rejected.v1",
            "contract.fulfilment-reported.v1", "contract.fulfilment-accepted.v1");
        async Task<(decimal, decimal)> KnownOn(int version)
        {
            var at = history["events"]![version - 1]!["recordedAt"]!.GetValue<string>();
            var b = await (await auditor.GetAsync($"{contract.Url}/balance?knownOn={at}")).ShouldBeAsync(HttpStatusCode.OK);
            return (b.Decimal("accepted"), b.Decimal("pending"));
        }
        (await KnownOn(4)).Should().Be((11_080.67m, 10_000m));
        (await KnownOn(5)).Should().Be((11_080.67m, 0m));
        (await KnownOn(6)).Should().Be((11_080.67m, 10_000m));
        (await KnownOn(7)).Should().Be((10_000m, 0m));
    }

    [Fact]
    public async Task A_correction_to_another_invoice_holds_both_until_reviewed_then_only_the_one_that_counts()
    {
        var contract = await ContractAsync(api);
        var other = await ContractAsync(api);
        var (first, second, third) = (UniqueInvoice(), UniqueInvoice(), UniqueInvoice());
        var purchase = await contract.ReportAsync(SocialProcurement(first));
        await contract.AcceptAsync(purchase);
        async Task<HttpStatusCode> ClaimElsewhere(string invoice) =>
            (await other.Contractor.PostJsonAsync($"{other.Url}/fulfilments", SocialProcurement(invoice))).StatusCode;

        var toSecond = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{purchase["id"]}/correction",
            SocialProcurement(second))).ShouldBeAsync(HttpStatusCode.Created);
        (await ClaimElsewhere(first), await ClaimElsewhere(second)).Should().Be((HttpStatusCode.Conflict, HttpStatusCode.Conflict));
        await contract.RejectAsync(toSecond);
        (await ClaimElsewhere(first), await ClaimElsewhere(second)).Should().Be((HttpStatusCode.Conflict, HttpStatusCode.Created),
            "the accepted report keeps its invoice; the rejected correction's is free");

        var toThird = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{purchase["id"]}/correction",
            SocialProcurement(third))).ShouldBeAsync(HttpStatusCode.Created);
        await contract.AcceptAsync(toThird);
        (await ClaimElsewhere(third), await ClaimElsewhere(first)).Should().Be((HttpStatusCode.Conflict, HttpStatusCode.Created),
            "the accepted correction holds its invoice; the replaced report's is free");
    }

    [Fact]
    public async Task A_correction_awaiting_review_neither_puts_a_contract_behind_nor_raises_contract_behind()
    {
        var contract = await RunningContractAsync(api);                      // 100 of 366 days gone: on track from 27,4% accepted
        await contract.AcceptAsync(await contract.ReportAsync(Training(2_000m)));
        var training = await contract.ReportAsync(Training(3_000m));
        await contract.AcceptAsync(training);                                  // 50%: on track
        // Registered behind (100 days in, nothing accepted): that signal is there. Had the correction taken the 3.000 away, the
        // contract would fall behind again from another day (20% accepted), a signal of its own.
        var behindBefore = await BehindSignalsAsync(contract);

        var correction = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{training["id"]}/correction",
            Training(2_500m))).ShouldBeAsync(HttpStatusCode.Created);
        (await contract.BalanceAsync())["status"]!.GetValue<string>().Should().Be("on-track");
        (await WorklistKindsAsync(contract)).Should().Equal(["report-pending-review"], "the WSP reviews the correction; the contract is not behind");
        await contract.RejectAsync(correction);
        (await contract.BalanceAsync())["status"]!.GetValue<string>().Should().Be("on-track");
        (await WorklistKindsAsync(contract)).Should().BeEmpty();
        (await BehindSignalsAsync(contract)).Should().Be(behindBefore, "the contract did not fall behind again");
    }

    private async Task<long> BehindSignalsAsync(ContractUnderReport contract)
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM sroi_notifications WHERE contract_id = $1 AND type = 'contract.behind'");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(contract.Id) });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_auditor_sees_the_balance_as_the_ledger_knew_it_at_a_moment()
    {
        var contract = await ContractAsync(api);
        var report = await contract.ReportAsync(Training(2_500m));
        await contract.AcceptAsync(report);
        var auditor = await api.ClientAsync("auditor");
        var history = await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        string RecordedAt(int version) => history["events"]![version - 1]!["recordedAt"]!.GetValue<string>();

        var whenReported = await (await auditor.GetAsync($"{contract.Url}/balance?knownOn={RecordedAt(2)}")).ShouldBeAsync(HttpStatusCode.OK);
        var whenRegistered = await (await auditor.GetAsync($"{contract.Url}/balance?knownOn={RecordedAt(1)}")).ShouldBeAsync(HttpStatusCode.OK);
        var now = await (await auditor.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);

        whenReported.Decimal("pending").Should().Be(2_500m);
        whenReported.Decimal("accepted").Should().Be(0m);
        whenReported["version"]!.GetValue<long>().Should().Be(2);
        whenReported["knownOn"]!.GetValue<string>().Should().Be(RecordedAt(2));
        whenRegistered.Decimal("pending").Should().Be(0m);
        now.Decimal("accepted").Should().Be(2_500m);
        now["knownOn"].Should().BeNull();
        await (await auditor.GetAsync($"{contract.Url}/balance?knownOn=2000-01-01T00:00:00Z")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await auditor.GetAsync($"{contract.Url}/balance?knownOn=gisteren")).ShouldNameFieldAsync("knownOn");
    }

    [Fact]
    public async Task The_status_follows_the_elapsed_share_of_the_term_and_the_list_filters_on_it()
    {
        var behind = await RunningContractAsync(api);   // 100 of 366 days elapsed, nothing accepted
        var onTrack = await RunningContractAsync(api);
        await onTrack.AcceptAsync(await onTrack.ReportAsync(Training(5_000m))); // half of the obligation
        var done = await RunningContractAsync(api);
        await done.AcceptAsync(await done.ReportAsync(Training(10_000m)));
        var overdue = await ContractAsync(api);          // ended 2025-03-31
        var small = await ContractAsync(api, value: 100_000m); // below the threshold

        (await behind.BalanceAsync())["status"]!.GetValue<string>().Should().Be("behind");
        (await onTrack.BalanceAsync())["status"]!.GetValue<string>().Should().Be("on-track");
        (await done.BalanceAsync())["status"]!.GetValue<string>().Should().Be("fulfilled");
        (await overdue.BalanceAsync())["status"]!.GetValue<string>().Should().Be("overdue");
        (await small.BalanceAsync())["status"]!.GetValue<string>().Should().Be("not-applicable");

        // The list answers the same from the projection (sroi_balance_status), for each contract and status.
        foreach (var (contract, status) in new[] { (behind, "behind"), (onTrack, "on-track"), (done, "fulfilled"), (overdue, "overdue"), (small, "not-applicable") })
        {
            foreach (var asked in new[] { "behind", "on-track", "fulfilled", "overdue", "not-applicable", "settled" })
            {
                var page = await (await contract.Wsp.GetAsync($"/api/v1/contracts?contractorKvk={contract.Kvk}&status={asked}")).ShouldBeAsync(HttpStatusCode.OK);
                page["total"]!.GetValue<long>().Should().Be(asked == status ? 1 : 0, $"{contract.Id} is {status}, asked {asked}");
            }
        }
        var mine = await (await behind.Contractor.GetAsync("/api/v1/contracts?status=behind")).ShouldBeAsync(HttpStatusCode.OK);
        mine["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(behind.Id);
    }

    /// <summary>The kinds of the worklist's items about one contract, every page read.</summary>
    private static async Task<List<string>> WorklistKindsAsync(ContractUnderReport contract)
    {
        var kinds = new List<string>();
        for (var page = 1; ; page++)
        {
            var list = await (await contract.Wsp.GetAsync($"/api/v1/worklist?pageSize=100&page={page}")).ShouldBeAsync(HttpStatusCode.OK);
            var items = list["items"]!.AsArray();
            kinds.AddRange(items.Where(i => i!["contractId"]!.GetValue<string>() == contract.Id).Select(i => i!["kind"]!.GetValue<string>()));
            if (page * 100 >= list["total"]!.GetValue<long>()) return kinds;
        }
    }
}
