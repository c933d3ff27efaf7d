using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>Every read model is a pure function of the event log: folded again from the events, it is what it was.</summary>
[Collection(ApiCollection.Name)]
public class RebuildingProjectionsTests(LedgerApi api)
{
    [Fact]
    public async Task A_rebuild_folds_every_read_model_again_into_exactly_what_it_was()
    {
        var admin = api.Admin();
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        (await admin.PostJsonAsync("/api/v1/sroi-policies", new JsonObject
        {
            ["municipality"] = municipality, ["effectiveFrom"] = "2024-01-01", ["percentage"] = 4.5, ["description"] = "Beleid 2024",
            ["thresholds"] = new JsonObject { ["werken"] = 200_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PutAsync("/api/v1/ambitions/2024", new StringContent(
            new JsonObject { ["municipality"] = municipality, ["placements"] = 120 }.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var inkoop = await api.ClientAsync("inkoop");
        (await inkoop.PostJsonAsync("/api/v1/contracts", Contracts.ContractBodies.Registration())).StatusCode.Should().Be(HttpStatusCode.Created);

        var before = await ReadModelsAsync();
        var answer = await (await admin.PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);

        answer["projections"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain(["SroiPolicyDocument", "AmbitionsDocument"]);
        (await ReadModelsAsync()).Should().Equal(before);
        before.Should().Contain(row => row.Contains(municipality));
    }

    [Fact]
    public async Task Only_an_admin_rebuilds()
    {
        var auditor = await api.ClientAsync("auditor");
        await (await auditor.PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>Every row of every Marten document table (id, tenant and JSON), in a stable order.</summary>
    private async Task<List<string>> ReadModelsAsync()
    {
        var tables = new List<string>();
        await using (var command = api.DataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'mt_doc_%' AND table_name <> 'mt_doc_deadletterevent' ORDER BY 1"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var command = api.DataSource.CreateCommand($"SELECT '{table}' || ' ' || tenant_id || ' ' || id || ' ' || data::text FROM {table} ORDER BY tenant_id, id");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
