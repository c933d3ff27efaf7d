using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// The whole ledger verifies when nobody touched it: a database of its own (the shared one holds the other tests'
/// tampering), with every kind of stream in it — the shipped policy and table, a contract with reports and reviews, a
/// candidate with a corrected and a withdrawn placement, an ambition set twice.
/// </summary>
public class CleanLedgerVerificationTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Fact]
    public async Task Every_stream_of_an_untouched_ledger_verifies()
    {
        var contract = await Fulfilments.FulfilmentBodies.ContractAsync(api);
        var report = await contract.ReportAsync(Fulfilments.FulfilmentBodies.Employment());
        await contract.AcceptAsync(report);
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var placement = await wsp.PlaceAsync(number);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/correction",
            new JsonObject { ["hoursPerWeek"] = 20, ["reason"] = "Minder uren" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/withdrawal",
            new JsonObject { ["reason"] = "Vergissing" })).ShouldBeAsync(HttpStatusCode.OK);
        foreach (var placements in new[] { 50, 60 })
            await (await wsp.PutJsonAsync("/api/v1/ambitions/2024", new JsonObject { ["municipality"] = "GM0603", ["placements"] = placements }))
                .ShouldBeAsync(HttpStatusCode.OK);

        var verification = await (await api.Admin().GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);

        verification["ok"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["discrepancies"]!.AsArray().Should().BeEmpty();
        // The shipped policy and table, the contract, the candidate and the ambitions.
        verification["streams"]!.GetValue<long>().Should().Be(5);
        verification["events"]!.GetValue<long>().Should().Be(await api.DataSource.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'"));
        verification["events"]!.GetValue<long>().Should().Be(await api.DataSource.ScalarAsync("SELECT sum(version) FROM mt_streams"));
    }
}
