using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Dashboard.Tests.Hosting;

/// <summary>
/// Rijswijk (GM0603) with a contract in every SROI status today: two behind (the larger shortfall first), one on track,
/// one fulfilled, one overdue, one settled and one exempt; awarded in two years, with accepted, pending and rejected
/// reports. Recorded through the API only. The dates follow today, so the statuses hold whenever the tests run.
/// </summary>
public sealed record SeededLedger(
    string InkoopKey, HttpClient Inkoop, ContractUnderReport FarBehind, ContractUnderReport Behind, ContractUnderReport OnTrack,
    ContractUnderReport Fulfilled, ContractUnderReport Overdue, ContractUnderReport Settled, string Exempt)
{
    public const string Municipality = "GM0603";

    /// <summary>The KvK number of the development identity provider's contractor account (opdrachtnemer-12345678).</summary>
    public const string ContractorKvk = "12345678";

    public static async Task<SeededLedger> RecordAsync(LedgerApi api)
    {
        var (start, end, awarded) = (Iso(Today.PlusDays(-100)), Iso(Today.PlusDays(265)), Iso(Today.PlusDays(-130)));
        Task<ContractUnderReport> Running(decimal value) => ContractAsync(api, value, start, end, awarded);

        // The contractor of the development identity provider's account opdrachtnemer-12345678: it signs in as that person.
        var farBehind = await ContractAsync(api, 400_000m, start, end, awarded, kvk: ContractorKvk); // obligation € 20.000: € 1.000 accepted after 100 of 366 days
        await farBehind.AcceptAsync(await farBehind.ReportAsync(Training(1_000m)));
        await farBehind.ReportAsync(Training(500m));          // pending
        await farBehind.RejectAsync(await farBehind.ReportAsync(Training(250m)), "Geen factuur van de opleider");
        var behind = await Running(200_000m);                 // € 10.000, nothing accepted
        await behind.ReportAsync(Training(2_000m));
        var onTrack = await Running(200_000m);
        await onTrack.AcceptAsync(await onTrack.ReportAsync(Training(3_500m)));
        await onTrack.AcceptAsync(await onTrack.ReportAsync(Training(1_000.50m)));
        var fulfilled = await Running(150_000m);              // € 7.500
        await fulfilled.AcceptAsync(await fulfilled.ReportAsync(Training(7_500m)));
        var overdue = await ContractAsync(api, 300_000m);     // 2024-04-01 to 2025-03-31
        await overdue.AcceptAsync(await overdue.ReportAsync(Training(4_321.09m)));
        var settled = await ContractAsync(api, 180_000m);
        await (await settled.Wsp.PostJsonAsync($"{settled.Url}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "Overmacht: faillissement onderaannemer" }))
            .ShouldBeAsync(HttpStatusCode.Created);

        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var exempt = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(90_000m, kvk: ContractBodies.UniqueKvk(), category: "leveringen")
            .With("sroi", new JsonObject { ["exemptionReason"] = "Levering van standaardproducten zonder arbeid in Nederland" })))
            .ShouldBeAsync(HttpStatusCode.Created);
        return new SeededLedger(KeyOf(inkoop), inkoop, farBehind, behind, onTrack, fulfilled, overdue, settled, exempt["id"]!.GetValue<string>());
    }

    public static string KeyOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    public async Task<JsonNode> GetAsync(string url, HttpClient? by = null) =>
        await (await (by ?? Inkoop).GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
}
