using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

[Collection(ApiCollection.Name)]
public class ReportingFulfilmentTests(LedgerApi api)
{
    [Fact]
    public async Task A_contractor_reports_employment_and_gets_its_value_table_version_and_breakdown()
    {
        var contract = await ContractAsync(api);

        var response = await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment(hours: 24m));

        var report = await response.ShouldBeAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{contract.Url}/fulfilments/{report["id"]}");
        response.Headers.ETag!.Tag.Should().Be("\"2\"");
        report.Decimal("value").Should().Be(6_648.40m); // 40.000 × 24/36 × 91/365
        report["tableVersion"]!.GetValue<string>().Should().Be("GM0603-bouwblokken-v1");
        report["status"]!.GetValue<string>().Should().Be("pending");
        report["reportedBy"]!.GetValue<string>().Should().Be("opdrachtnemer");
        report["breakdown"]![0]!["item"]!.GetValue<string>().Should().Be("participatiewet");
        report["breakdown"]![0]!["description"]!.GetValue<string>().Should()
            .Be("Participatiewet benefit: € 40.000,00 a year × 24/36 hours a week × 91/365 days.");
        report["report"]!["candidateNumber"]!.GetValue<string>().Should().Be("100234");

        var read = await contract.Contractor.GetAsync(response.Headers.Location);
        (await read.Content.ReadAsStringAsync()).Should().Be(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_kind_can_be_reported_and_is_valued_with_the_table()
    {
        var contract = await ContractAsync(api);

        (await contract.ReportAsync(Internship("vso"))).Decimal("value").Should().Be(1_869.86m);          // 7.500 × 91/365
        (await contract.ReportAsync(Bbl(3))).Decimal("value").Should().Be(3_739.73m);                      // 15.000 × 91/365
        var wep = await contract.ReportAsync(WorkExperience());                                            // no block in Haaglanden 2023
        wep.Decimal("value").Should().Be(0m);
        wep["breakdown"]![0]!["item"]!.GetValue<string>().Should().Be("no-block");
        (await contract.ReportAsync(SocialProcurement(UniqueInvoice()))).Decimal("value").Should().Be(6_000m); // 50% of 12.000
        (await contract.ReportAsync(Training(1_250.50m))).Decimal("value").Should().Be(1_250.50m);
        (await contract.ReportAsync(SocialActivity())).Decimal("value").Should().Be(0m);                   // no hourly value in the table
        (await contract.ReportAsync(Employment(), contract.Wsp))["reportedBy"]!.GetValue<string>().Should().Be("wsp");

        var list = await (await contract.Contractor.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
        list["total"]!.GetValue<int>().Should().Be(7);
        list["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).Should()
            .Equal("internship", "bbl", "work-experience", "social-procurement", "training", "social-activity", "employment");
    }

    [Fact]
    public async Task The_event_records_the_value_the_table_version_and_who_reported()
    {
        var contract = await ContractAsync(api);
        var report = await contract.ReportAsync(SocialProcurement(UniqueInvoice(), recognition: "code-sociale-ondernemingen"));

        await using var command = api.DataSource.CreateCommand("""
            SELECT type, data->'valuation'->>'value', data->'valuation'->>'tableVersion', data->>'reportedBy', user_name
            FROM mt_events WHERE stream_id = $1 AND version = 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = $"contract-{contract.Id}" });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("contract.fulfilment-reported.v1");
        decimal.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture).Should().Be(12_000m);
        reader.GetString(2).Should().Be("GM0603-bouwblokken-v1");
        reader.GetString(3).Should().Be("opdrachtnemer");
        reader.GetString(4).Should().StartWith("opdrachtnemer:");
        report.Decimal("value").Should().Be(12_000m);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_returns_the_first_answer_and_writes_one_event()
    {
        var contract = await ContractAsync(api);
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "rapportage-2024-Q2");

        var first = await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment(), Key);
        var second = await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment(), Key);

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await second.ShouldBeAsync(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await contract.EventCountAsync(api.DataSource)).Should().Be(2);
    }

    [Fact]
    public async Task An_invoice_counts_once_across_contracts_until_its_report_stops_counting()
    {
        var contract = await ContractAsync(api);
        var other = await ContractAsync(api);
        var invoice = UniqueInvoice();
        var first = await contract.ReportAsync(SocialProcurement(invoice));

        var again = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", SocialProcurement(invoice.ToLowerInvariant())))
            .ShouldBeAsync(HttpStatusCode.Conflict);
        again["field"]!.GetValue<string>().Should().Be("invoiceNumber");
        await (await other.Contractor.PostJsonAsync($"{other.Url}/fulfilments", SocialProcurement(invoice))).ShouldBeAsync(HttpStatusCode.Conflict);
        (await contract.EventCountAsync(api.DataSource)).Should().Be(2);

        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{first["id"]}/withdrawal", new JsonObject { ["reason"] = "verkeerd contract" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await other.ReportAsync(SocialProcurement(invoice));
    }

    [Fact]
    public async Task The_cap_per_candidate_holds_across_reports_and_the_answer_says_why()
    {
        var contract = await ContractAsync(api);
        // WW counts 12 months (365 days): 2024-01-01 through 2024-09-30 is 274 days, within the grace before the start.
        (await contract.ReportAsync(Employment(targetGroup: "ww", start: "2024-01-01", end: "2024-09-30"))).Decimal("value").Should().Be(15_013.70m);

        var capped = await contract.ReportAsync(Employment(targetGroup: "ww", start: "2024-10-01", end: "2025-03-31"));

        capped.Decimal("value").Should().Be(4_986.30m); // 91 of 182 days still count
        capped["excessDays"]!.GetValue<int>().Should().Be(91);
        capped["breakdown"]!.AsArray().Should().Contain(l => l!["item"]!.GetValue<string>() == "cap"
            && l["description"]!.GetValue<string>().Contains("91 of the 182 days exceed the cap of 12 months"));
    }
}

[Collection(ApiCollection.Name)]
public class FulfilmentOrderTests(LedgerApi api)
{
    [Fact]
    public async Task Reports_made_at_the_same_time_are_listed_in_ledger_order_not_by_id()
    {
        var contract = await ContractAsync(api);

        // Twenty writers at once: each id is drawn before its writer waits for the contract, so ids and ledger order differ.
        var reports = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => contract.ReportAsync(Training(), contract.Wsp)));

        var history = await (await contract.Wsp.GetAsync($"/api/v1/contracts/{contract.Id}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var inLedgerOrder = history["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "contract.fulfilment-reported.v1")
            .Select(e => e!["data"]!["fulfilmentId"]!.GetValue<string>()).ToList();
        var listed = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);

        inLedgerOrder.Should().HaveCount(20).And.BeEquivalentTo(reports.Select(r => r["id"]!.GetValue<string>()));
        listed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(inLedgerOrder);
    }
}
