using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// Records <see cref="PublishedHistory"/> in one municipality through the HTTP API, in an untidy order: registrations and
/// trede changes, 2022 and 2023 first and 2018 and 2021 late, then corrections, ends, withdrawals and benefit ends; with
/// the ambitions of 2018 (set twice), 2019, 2023 and (by an admin) 2024. Used by the reports' acceptance test and by the
/// dashboard's browser tests, which must show the same figures.
/// </summary>
public static class PublishedLedger
{
    public static async Task<PublishedHistory> RecordAsync(LedgerApi api, string municipality)
    {
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var wsp = await api.ClientAsync("wsp", municipality);
        string[] regional = [await ContractAsync(inkoop, "regional"), await ContractAsync(inkoop, "regional"), await ContractAsync(inkoop, "regional")];
        string[] local = [await ContractAsync(inkoop, "local"), await ContractAsync(inkoop, "local")];
        var history = PublishedHistory.Build(regional, local);

        await SetAmbitionAsync(wsp, municipality, 2018, new JsonObject { ["placements"] = 340 });
        await SetAmbitionAsync(wsp, municipality, 2018, new JsonObject { ["placements"] = 350 }); // set again: the latest counts
        await SetAmbitionAsync(wsp, municipality, 2019, new JsonObject { ["placements"] = 410 });
        await SetAmbitionAsync(wsp, municipality, 2023, new JsonObject { ["placements"] = 365, ["sroiPlacements"] = 65 });
        await SetAmbitionAsync(api.Admin(), municipality, 2024, new JsonObject { ["placements"] = 300 });

        await ForEachAsync(history.Candidates, async c =>
        {
            await PostAsync(wsp, "/api/v1/candidates", c.Registration(municipality), HttpStatusCode.Created);
            foreach (var (trede, effectiveOn) in c.Changes)
                await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/trede-changes",
                    new JsonObject { ["trede"] = trede, ["effectiveOn"] = PlannedPlacement.Iso(effectiveOn), ["reason"] = "Herbeoordeling" });
        });
        // 2022 and 2023 first; 2018 and 2021 recorded late, after them.
        foreach (var late in new[] { false, true })
            await ForEachAsync(history.Candidates, async c =>
            {
                foreach (var p in c.Placements.Where(p => p.Late == late))
                    p.Id = (await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/placements", p.Recorded, HttpStatusCode.Created))["id"]!.GetValue<string>();
            });
        await ForEachAsync(history.Candidates, async c =>
        {
            foreach (var p in c.Placements)
            {
                var path = $"/api/v1/candidates/{c.Number}/placements/{p.Id}";
                if (p.Correction is not null) await PostAsync(wsp, $"{path}/correction", p.Correction);
                if (p.EndedOn is { } ended)
                    await PostAsync(wsp, $"{path}/end", new JsonObject { ["endedOn"] = PlannedPlacement.Iso(ended), ["reason"] = "Einde contract" });
                if (p.Withdrawn) await PostAsync(wsp, $"{path}/withdrawal", new JsonObject { ["reason"] = "Per vergissing vastgelegd" });
            }
            if (c.BenefitEnd is { } end)
                await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/benefit-end",
                    new JsonObject { ["effectiveOn"] = PlannedPlacement.Iso(end.On), ["reason"] = end.Reason });
        });
        return history;
    }

    private static async Task<string> ContractAsync(HttpClient inkoop, string scope) =>
        (await PostAsync(inkoop, "/api/v1/contracts", ContractBodies.Registration().With("scope", scope)
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" }), HttpStatusCode.Created))
            ["id"]!.GetValue<string>();

    private static async Task SetAmbitionAsync(HttpClient client, string municipality, int year, JsonObject figures)
    {
        figures["municipality"] = municipality;
        var response = await client.PutAsync($"/api/v1/ambitions/{year}",
            new StringContent(figures.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);

    /// <summary>Candidates in parallel (a few thousand requests); each candidate's own steps in order.</summary>
    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> step) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await step(item));
}
