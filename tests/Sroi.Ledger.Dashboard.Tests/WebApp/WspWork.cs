using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// Contracts for the WSP's pages that write (reviews, settlements). The WSP signs in to a municipality fixed by its identity
/// provider, and the seeded Rijswijk's figures are asserted by other tests, so these are written in
/// <see cref="DashboardSite.PublishedMunicipality"/>: its published placement figures count candidates and placements, which
/// contracts and their reports do not change. Each test makes contracts of its own there (fresh references), so the classes
/// run in any order; the worklist page is always compared with the API's answer of the moment.
/// </summary>
public static class WspWork
{
    public const string Municipality = DashboardSite.PublishedMunicipality;

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<DashboardSite> TableFor = [];

    /// <summary>The WSP's key in the municipality, with a building-block table in force there from 2024 (once per site), so reports are valued.</summary>
    public static async Task<HttpClient> WspAsync(DashboardSite site)
    {
        var wsp = await site.ClientAsync("wsp", Municipality);
        await Once.WaitAsync();
        try
        {
            if (TableFor.Add(site))
            {
                var response = await wsp.GetAsync($"/api/v1/building-block-tables?municipality={Municipality}");
                if ((await response.ShouldBeAsync(HttpStatusCode.OK)).AsArray().Count == 0)
                    await (await wsp.PostJsonAsync("/api/v1/building-block-tables", Table())).ShouldBeAsync(HttpStatusCode.Created);
            }
        }
        finally
        {
            Once.Release();
        }
        return wsp;
    }

    /// <summary>A contract of <paramref name="value"/> (5% set by procurement) for a fresh contractor, from <paramref name="startsOn"/> to <paramref name="endsOn"/>.</summary>
    public static async Task<(string Id, string Reference)> ContractAsync(DashboardSite site, LocalDate startsOn, LocalDate endsOn, decimal value = 200_000m)
    {
        var inkoop = await site.ClientAsync("inkoop", Municipality);
        var body = ContractBodies.Registration(value, kvk: ContractBodies.UniqueKvk(), awardedOn: Iso(startsOn.PlusDays(-30)))
            .With("startsOn", Iso(startsOn)).With("endsOn", Iso(endsOn))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
        return (contract["id"]!.GetValue<string>(), contract["reference"]!.GetValue<string>());
    }

    /// <summary>A training reported by the WSP on <paramref name="on"/>, pending review; its id.</summary>
    public static async Task<string> ReportAsync(HttpClient wsp, string contractId, decimal cost, LocalDate on) =>
        (await (await wsp.PostJsonAsync($"/api/v1/contracts/{contractId}/fulfilments", Training(cost).With("date", Iso(on))))
            .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

    private static JsonObject Table() => new()
    {
        ["municipality"] = Municipality,
        ["effectiveFrom"] = "2024-01-01",
        ["name"] = "Testtabel 2024",
        ["blocks"] = new JsonArray(
            new JsonObject { ["code"] = "participatiewet", ["valuePerYear"] = 30_000, ["capMonths"] = 24 },
            new JsonObject { ["code"] = "work-experience", ["valuePerYear"] = 9_000, ["capMonths"] = 12 }),
        ["bonuses"] = new JsonObject { ["age55Plus"] = 15_000, ["workLimitation"] = 20_000, ["hiredAfterVsoInternship"] = 10_000 },
        ["socialProcurementShares"] = new JsonArray(new JsonObject { ["recognition"] = "code-sociale-ondernemingen", ["percentage"] = 100 }),
        ["socialActivityPerHour"] = 100,
    };
}
