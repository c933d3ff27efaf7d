using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Exports;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.People;

/// <summary>
/// Every write records what its actor acted as (the headers actorRole and actorOrganisation), and every history says it in
/// words; a key is shown as "API-sleutel (WSP Rijswijk)".
/// </summary>
[Collection(ApiCollection.Name)]
public class WhoActedTests(LedgerApi api)
{
    [Fact]
    public async Task Each_kind_of_key_records_its_role_and_organisation_with_the_events_it_writes()
    {
        // Inkoop registers, the contractor reports, the WSP accepts: three roles in one stream.
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Employment()));
        // The admin names the municipality it writes for, but acts for none.
        await (await api.Admin().PutJsonAsync("/api/v1/ambitions/2037", new JsonObject { ["municipality"] = "GM0547", ["placements"] = 7 }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var headers = await HeadersAsync($"contract-{contract.Id}");
        headers.Should().HaveCount(3);
        headers[0].Should().Be(("inkoop", "GM0603"));
        headers[1].Should().Be(("opdrachtnemer", $"KvK {contract.Kvk}"));
        headers[2].Should().Be(("wsp", "GM0603"));
        (await HeadersAsync("ambition-GM0547", "GM0547")).Should().Equal([("admin", null)]);
    }

    [Fact]
    public async Task A_history_shows_each_keys_role_and_municipality_in_words_in_json_and_csv()
    {
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Employment()));
        var auditor = await api.ClientAsync("auditor");

        var json = await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var events = json["events"]!.AsArray();
        events.Select(e => e!["actorDisplay"]!.GetValue<string>()).Should()
            .Equal("API-sleutel (Inkoop Rijswijk)", $"API-sleutel (KvK {contract.Kvk})", "API-sleutel (WSP Rijswijk)");
        events.Should().OnlyContain(e => e!.AsObject().ContainsKey("actorName") && e["actorName"] == null, "a key has no name");
        events.Select(e => e!["metadata"]!["actorRole"]!.GetValue<string>()).Should().Equal("inkoop", "opdrachtnemer", "wsp");
        events.Select(e => e!["metadata"]!["actorOrganisation"]!.GetValue<string>()).Should().Equal("GM0603", $"KvK {contract.Kvk}", "GM0603");
        events.Select(e => e!["metadata"]!["actor"]!.GetValue<string>()).Should().OnlyContain(a => a.StartsWith("inkoop:") || a.StartsWith("opdrachtnemer:") || a.StartsWith("wsp:"));

        var csv = await CsvFile.GetAsync(auditor, $"{contract.Url}/history");
        csv.Header.TakeLast(4).Should().Equal("actor_rol", "actor_organisatie", "actor_naam", "actor_weergave");
        csv.Rows.Select(r => r["actor_rol"]).Should().Equal("inkoop", "opdrachtnemer", "wsp");
        csv.Rows.Select(r => r["actor_organisatie"]).Should().Equal("GM0603", $"KvK {contract.Kvk}", "GM0603");
        csv.Rows.Select(r => r["actor_naam"]).Should().AllBe("");
        csv.Rows.Select(r => r["actor_weergave"]).Should().Equal(events.Select(e => e!["actorDisplay"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_service_own_writes_and_an_unknown_municipality_code_read_plainly()
    {
        var wsp = await api.ClientAsync("wsp", "GM0004");
        var number = await Candidates.CandidateBodies.RegisterAsync(wsp, Candidates.CandidateBodies.Registration(municipality: "GM0004"));
        var history = await (await wsp.GetAsync($"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.OK);
        history["events"]![0]!["actorDisplay"]!.GetValue<string>().Should().Be("API-sleutel (WSP GM0004)", "the shipped table does not name GM0004");

        // Rijswijk's shipped policy was written by the service itself, not by a key or a person.
        var policy = await (await (await api.ClientAsync("wsp")).GetAsync("/api/v1/sroi-policies/history")).ShouldBeAsync(HttpStatusCode.OK);
        policy["events"]![0]!["actorDisplay"]!.GetValue<string>().Should().Be("Systeem");
    }

    private async Task<List<(string? Role, string? Organisation)>> HeadersAsync(string stream, string tenant = "GM0603")
    {
        await using var command = api.DataSource.CreateCommand(
            "SELECT headers->>'actorRole', headers->>'actorOrganisation' FROM mt_events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY version");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = stream });
        var found = new List<(string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return found;
    }
}
