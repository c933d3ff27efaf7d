using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// GET /reports/sroi-obligations: the overview's figures in one read — the contract list's scope, each status, each award
/// year with the accepted value capped at every contract's own obligation and the shortfall beside it, and the contracts
/// behind, worst first; every figure equal to the sum of the contracts' own balances.
/// </summary>
[Collection(ApiCollection.Name)]
public class SroiObligationsTests(LedgerApi api)
{
    /// <summary>Used by no other test, so the report holds this class's contracts only.</summary>
    private const string Municipality = "GM9331";

    private const string Elsewhere = "GM9332";

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static Seeded? seeded;

    private sealed record Seeded(HttpClient Inkoop, string OverFulfilled, string Behind, string FarBehind, string Overdue, string Kvk, string ElsewhereId);

    [Fact]
    public async Task An_over_fulfilled_contract_does_not_hide_anothers_shortfall_in_its_award_year()
    {
        var s = await SeedAsync();
        var report = await (await s.Inkoop.GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);

        report["asOf"]!.GetValue<string>().Should().Be(Iso(Today));
        report["municipalities"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal(Municipality);
        var years = report["byAwardYear"]!.AsArray();
        years.Select(y => y!["year"]!.GetValue<int>()).Should().Equal(Today.PlusDays(-830).Year, Today.PlusDays(-330).Year);
        // The older year: one overdue contract, € 10.000 owed, € 2.500 accepted.
        var older = years[0]!;
        (older["contracts"]!.GetValue<long>(), older.Decimal("obligation"), older.Decimal("accepted"), older.Decimal("acceptedUpToObligation"),
            older.Decimal("shortfall"), older.Decimal("percentage")).Should().Be((1L, 10_000m, 2_500m, 2_500m, 7_500m, 25.0m));
        // The newer year: € 16.000 accepted of € 30.000 owed, but € 5.000 of it is more than its contract had to do; the
        // shortfall of the two others (€ 10.000 and € 9.000) stays: 36,7% met, not 50,0%.
        var newer = years[1]!;
        (newer["contracts"]!.GetValue<long>(), newer.Decimal("obligation"), newer.Decimal("accepted"), newer.Decimal("acceptedUpToObligation"),
            newer.Decimal("shortfall"), newer.Decimal("percentage")).Should().Be((3L, 30_000m, 16_000m, 11_000m, 19_000m, 36.7m));

        var total = report["total"]!;
        (total["contracts"]!.GetValue<long>(), total.Decimal("obligation"), total.Decimal("accepted"), total.Decimal("pending"),
            total.Decimal("acceptedUpToObligation"), total.Decimal("shortfall"), total.Decimal("percentage"))
            .Should().Be((4L, 40_000m, 18_500m, 1_000m, 13_500m, 26_500m, 33.8m));
    }

    [Fact]
    public async Task Each_status_and_each_contract_behind_equal_the_contracts_own_balances()
    {
        var s = await SeedAsync();
        var report = await (await s.Inkoop.GetAsync($"/api/v1/reports/sroi-obligations?municipality={Municipality}")).ShouldBeAsync(HttpStatusCode.OK);

        var list = await (await s.Inkoop.GetAsync("/api/v1/contracts?pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
        var balances = new List<JsonNode>();
        foreach (var contract in list["items"]!.AsArray())
            balances.Add(await (await s.Inkoop.GetAsync($"/api/v1/contracts/{contract!["id"]}/balance")).ShouldBeAsync(HttpStatusCode.OK));
        balances.Should().HaveCount(4);

        var statuses = report["byStatus"]!.AsArray();
        statuses.Select(x => x!["status"]!.GetValue<string>()).Should().Equal("on-track", "behind", "fulfilled", "overdue", "settled", "not-applicable");
        foreach (var row in statuses)
        {
            var of = balances.Where(b => b["status"]!.GetValue<string>() == row!["status"]!.GetValue<string>()).ToList();
            (row!["contracts"]!.GetValue<long>(), row.Decimal("obligation"), row.Decimal("accepted"), row.Decimal("pending")).Should().Be(
                ((long)of.Count, of.Sum(b => b.Decimal("obligation")), of.Sum(b => b.Decimal("accepted")), of.Sum(b => b.Decimal("pending"))));
        }
        statuses.Single(x => x!["status"]!.GetValue<string>() == "behind")!["contracts"]!.GetValue<long>().Should().Be(2);
        statuses.Single(x => x!["status"]!.GetValue<string>() == "fulfilled")!["contracts"]!.GetValue<long>().Should().Be(1);
        statuses.Single(x => x!["status"]!.GetValue<string>() == "overdue")!["contracts"]!.GetValue<long>().Should().Be(1);

        // Behind, worst first: € 10.000 owed with nothing accepted lags more than € 10.000 owed with € 1.000 accepted.
        var behind = report["behind"]!.AsArray();
        behind.Select(b => b!["id"]!.GetValue<string>()).Should().Equal(s.FarBehind, s.Behind);
        var far = behind[0]!;
        far["reference"]!.GetValue<string>().Should().NotBeEmpty();
        far["contractor"]!["name"]!.GetValue<string>().Should().Be("Bouwbedrijf De Vliet B.V.");
        // 300 of the term's 701 days (today − 300 to today + 400, both included) have elapsed: 42,8%; € 10.000 × 300 / 701.
        (far.Decimal("obligation"), far.Decimal("accepted"), far["percentage"]!.GetValue<decimal>(), far.Decimal("elapsedPercentage"), far.Decimal("behindSchedule"))
            .Should().Be((10_000m, 0m, 0.0m, 42.8m, 4_279.60m));
        var second = behind[1]!;
        (second.Decimal("accepted"), second["percentage"]!.GetValue<decimal>(), second.Decimal("behindSchedule")).Should().Be((1_000m, 10.0m, 3_279.60m));
    }

    [Fact]
    public async Task The_scope_is_the_contract_lists_an_admin_sums_every_municipality_and_a_contractor_its_own_contracts()
    {
        var s = await SeedAsync();

        var all = await (await api.Admin().GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        all["municipalities"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain([Municipality, Elsewhere]).And.BeInAscendingOrder(StringComparer.Ordinal);
        var one = await (await api.Admin().GetAsync($"/api/v1/reports/sroi-obligations?municipality={Elsewhere}")).ShouldBeAsync(HttpStatusCode.OK);
        one["municipalities"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal(Elsewhere);
        one["total"]!["contracts"]!.GetValue<long>().Should().Be(1);

        var contractor = await api.ClientAsync("opdrachtnemer", Municipality, kvkNumber: s.Kvk);
        var own = await (await contractor.GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        own["total"]!["contracts"]!.GetValue<long>().Should().Be(1);
        own["behind"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).Should().Equal(s.Behind);

        var refused = await s.Inkoop.GetAsync($"/api/v1/reports/sroi-obligations?municipality={Elsewhere}");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await (await s.Inkoop.GetAsync("/api/v1/reports/sroi-obligations?municipality=Rijswijk")).ShouldNameFieldAsync("municipality");
        (await api.Client().GetAsync("/api/v1/reports/sroi-obligations")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// In <see cref="Municipality"/>: awarded in one year, one contract over-fulfilled (€ 15.000 of € 10.000), two behind (€ 0
    /// and € 1.000 of € 10.000, the latter for the contractor <see cref="Seeded.Kvk"/>); awarded in an earlier year, one overdue
    /// (€ 2.500 accepted, € 1.000 pending). One contract in <see cref="Elsewhere"/>. Once per fixture.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (seeded is not null) return seeded;
            var today = Today;
            var inkoop = await api.ClientAsync("inkoop", Municipality);
            var wsp = await api.ClientAsync("wsp", Municipality);
            await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: Municipality)))
                .ShouldBeAsync(HttpStatusCode.Created);
            // Awarded a month before the start: the newer contracts in the year of today − 330 days, the overdue one in an earlier year.
            var newer = today.PlusDays(-330);
            var overFulfilled = await ContractAsync(inkoop, today.PlusDays(-300), today.PlusDays(400), newer);
            await AcceptAsync(wsp, overFulfilled, 15_000m);
            var farBehind = await ContractAsync(inkoop, today.PlusDays(-300), today.PlusDays(400), newer);
            var kvk = ContractBodies.UniqueKvk();
            var behind = await ContractAsync(inkoop, today.PlusDays(-300), today.PlusDays(400), newer, kvk);
            await AcceptAsync(wsp, behind, 1_000m);
            var overdue = await ContractAsync(inkoop, today.PlusDays(-800), today.PlusDays(-10), today.PlusDays(-830));
            await AcceptAsync(wsp, overdue, 2_500m);
            await (await wsp.PostJsonAsync($"/api/v1/contracts/{overdue}/fulfilments", Training(1_000m).With("date", Iso(today.PlusDays(-20)))))
                .ShouldBeAsync(HttpStatusCode.Created);
            var elsewhere = await ContractAsync(await api.ClientAsync("inkoop", Elsewhere), today.PlusDays(-10), today.PlusDays(300), today.PlusDays(-20));
            return seeded = new Seeded(inkoop, overFulfilled, behind, farBehind, overdue, kvk, elsewhere);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task AcceptAsync(HttpClient wsp, string contract, decimal cost)
    {
        var report = await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments", Training(cost).With("date", Iso(Today.PlusDays(-20)))))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments/{report["id"]}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>A €200.000 contract (5%: € 10.000 owed) that names its own percentage: the test municipalities have no policy.</summary>
    private static async Task<string> ContractAsync(HttpClient inkoop, LocalDate startsOn, LocalDate endsOn, LocalDate awardedOn, string? kvk = null)
    {
        var body = ContractBodies.Registration(kvk: kvk ?? ContractBodies.UniqueKvk(), awardedOn: Iso(awardedOn))
            .With("startsOn", Iso(startsOn)).With("endsOn", Iso(endsOn))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
        return (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }
}
