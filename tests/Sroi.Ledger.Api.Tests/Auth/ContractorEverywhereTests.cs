using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// A contractor as an organisation (issue 19): a contractor key with a KvK number and no municipality reads and reports on
/// its own contracts in every municipality, and nothing else: not another contractor's contract (404), not a municipality's
/// rules where it holds no contract (403/404), not the routes a contractor may not call (403). A contractor key bound to a
/// municipality keeps seeing that municipality's only.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractorEverywhereTests(LedgerApi api)
{
    private const string Rijswijk = "GM0603";
    private const string DenHaag = "GM0518";

    /// <summary>Two contracts of the contractor (Rijswijk, Den Haag) and one of another contractor in each, registered by two inkoop keys.</summary>
    private sealed record Scene(string Kvk, string OtherKvk, string InRijswijk, string InDenHaag, string OthersInRijswijk, string OthersInDenHaag, HttpClient Everywhere);

    private async Task<Scene> SceneAsync()
    {
        await EnsureTableAsync(DenHaag);
        var kvk = ContractBodies.UniqueKvk();
        var other = ContractBodies.UniqueKvk();
        var rijswijk = await api.ClientAsync("inkoop", Rijswijk);
        var denHaag = await api.ClientAsync("inkoop", DenHaag);
        var scene = new Scene(kvk, other,
            await RegisterAsync(rijswijk, kvk), await RegisterAsync(denHaag, kvk),
            await RegisterAsync(rijswijk, other), await RegisterAsync(denHaag, other),
            await EverywhereKeyAsync(kvk));
        return scene;
    }

    [Fact]
    public async Task An_admin_issues_a_contractor_key_without_a_municipality_and_no_other_role_without_one()
    {
        var kvk = ContractBodies.UniqueKvk();
        using var issued = await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer", kvkNumber = kvk });
        var key = await issued.ShouldBeAsync(HttpStatusCode.Created);
        key["municipality"].Should().BeNull();
        key["kvkNumber"]!.GetValue<string>().Should().Be(kvk);
        key["role"]!.GetValue<string>().Should().Be("opdrachtnemer");

        foreach (var role in new[] { "inkoop", "wsp", "auditor" })
            await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role })).ShouldNameFieldAsync("municipality");
        // Without a KvK number a contractor key is still refused, with or without a municipality.
        await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer" })).ShouldNameFieldAsync("kvkNumber");
    }

    [Fact]
    public async Task It_lists_and_reads_its_contracts_in_both_municipalities_each_with_its_municipality_and_no_other_contractors()
    {
        var scene = await SceneAsync();

        var list = await (await scene.Everywhere.GetAsync("/api/v1/contracts?pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
        list["total"]!.GetValue<long>().Should().Be(2);
        list["items"]!.AsArray().Select(c => (c!["id"]!.GetValue<string>(), c["municipality"]!.GetValue<string>(), c["contractor"]!["kvkNumber"]!.GetValue<string>()))
            .Should().BeEquivalentTo([(scene.InRijswijk, Rijswijk, scene.Kvk), (scene.InDenHaag, DenHaag, scene.Kvk)]);
        var narrowed = await (await scene.Everywhere.GetAsync($"/api/v1/contracts?municipality={DenHaag}")).ShouldBeAsync(HttpStatusCode.OK);
        narrowed["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(scene.InDenHaag);
        var others = await (await scene.Everywhere.GetAsync("/api/v1/contracts?contractorKvk=" + scene.OtherKvk)).ShouldBeAsync(HttpStatusCode.OK);
        others["total"]!.GetValue<long>().Should().Be(0);

        foreach (var (id, municipality) in new[] { (scene.InRijswijk, Rijswijk), (scene.InDenHaag, DenHaag) })
        {
            var contract = await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK);
            contract["municipality"]!.GetValue<string>().Should().Be(municipality);
            var balance = await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{id}/balance")).ShouldBeAsync(HttpStatusCode.OK);
            balance.Decimal("obligation").Should().Be(10_000m);
            await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{id}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
            // Not settled: 404 as for any reader; the route is open to it.
            await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{id}/settlement")).ShouldBeAsync(HttpStatusCode.NotFound);
        }
        foreach (var id in new[] { scene.OthersInRijswijk, scene.OthersInDenHaag })
            foreach (var path in new[] { "", "/balance", "/fulfilments", "/settlement" })
            {
                var problem = await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{id}{path}")).ShouldBeAsync(HttpStatusCode.NotFound);
                problem["detail"]!.GetValue<string>().Should().Contain(id);
            }
    }

    [Fact]
    public async Task It_reports_on_both_valued_with_each_municipalitys_table_in_that_municipalitys_ledger_and_not_on_another_contractors()
    {
        var scene = await SceneAsync();

        var inRijswijk = await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{scene.InRijswijk}/fulfilments", Training()))
            .ShouldBeAsync(HttpStatusCode.Created);
        var inDenHaag = await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{scene.InDenHaag}/fulfilments", Training()))
            .ShouldBeAsync(HttpStatusCode.Created);
        inRijswijk["tableVersion"]!.GetValue<string>().Should().StartWith("GM0603-bouwblokken-");
        inDenHaag["tableVersion"]!.GetValue<string>().Should().StartWith("GM0518-bouwblokken-");
        inDenHaag["status"]!.GetValue<string>().Should().Be("pending");
        (await TenantsOfAsync(scene.InDenHaag)).Should().Equal(DenHaag);
        (await TenantsOfAsync(scene.InRijswijk)).Should().Equal(Rijswijk);

        // Its own report it may correct and withdraw, in the contract's municipality.
        var corrected = await (await scene.Everywhere.PostJsonAsync(
            $"/api/v1/contracts/{scene.InDenHaag}/fulfilments/{inDenHaag["id"]}/correction", Training(900m))).ShouldBeAsync(HttpStatusCode.Created);
        await (await scene.Everywhere.PostJsonAsync(
            $"/api/v1/contracts/{scene.InDenHaag}/fulfilments/{corrected["id"]}/withdrawal", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        var reports = await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{scene.InDenHaag}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
        reports["items"]!.AsArray().Select(r => r!["status"]!.GetValue<string>()).Should().BeEquivalentTo(["replaced", "withdrawn"]);

        // Another contractor's contract, in either municipality: not there, and nothing written.
        foreach (var id in new[] { scene.OthersInRijswijk, scene.OthersInDenHaag })
        {
            var before = await EventCountAsync(id);
            await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments/{Guid.NewGuid()}/correction", Training()))
                .ShouldBeAsync(HttpStatusCode.NotFound);
            await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments/{Guid.NewGuid()}/withdrawal", new JsonObject()))
                .ShouldBeAsync(HttpStatusCode.NotFound);
            (await EventCountAsync(id)).Should().Be(before);
        }
        await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{Guid.NewGuid()}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_contractor_key_bound_to_a_municipality_still_sees_and_reports_only_there()
    {
        var scene = await SceneAsync();
        var bound = await api.ClientAsync("opdrachtnemer", Rijswijk, scene.Kvk);

        var list = await (await bound.GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(scene.InRijswijk);
        await (await bound.GetAsync($"/api/v1/contracts?municipality={DenHaag}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await bound.GetAsync($"/api/v1/contracts/{scene.InRijswijk}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await bound.GetAsync($"/api/v1/contracts/{scene.InDenHaag}")).ShouldBeAsync(HttpStatusCode.NotFound);
        var before = await EventCountAsync(scene.InDenHaag);
        await (await bound.PostJsonAsync($"/api/v1/contracts/{scene.InDenHaag}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.NotFound);
        (await EventCountAsync(scene.InDenHaag)).Should().Be(before);
        await (await bound.PostJsonAsync($"/api/v1/contracts/{scene.InRijswijk}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task It_reads_policies_and_building_block_tables_only_of_municipalities_where_it_holds_a_contract()
    {
        var scene = await SceneAsync();
        // A municipality where it holds none, with a table of its own.
        const string Elsewhere = "GM9431";
        await EnsureTableAsync(Elsewhere);
        var elsewhereTable = (await (await api.Admin().GetAsync($"/api/v1/building-block-tables?municipality={Elsewhere}")).ShouldBeAsync(HttpStatusCode.OK))
            .AsArray()[0]!["id"]!.GetValue<string>();

        var tables = (await (await scene.Everywhere.GetAsync("/api/v1/building-block-tables")).ShouldBeAsync(HttpStatusCode.OK)).AsArray();
        tables.Select(t => t!["municipality"]!.GetValue<string>()).Distinct().Should().BeEquivalentTo([Rijswijk, DenHaag]);
        var policies = (await (await scene.Everywhere.GetAsync("/api/v1/sroi-policies")).ShouldBeAsync(HttpStatusCode.OK)).AsArray();
        policies.Should().NotBeEmpty();
        policies.Select(p => p!["municipality"]!.GetValue<string>()).Should().OnlyContain(m => m == Rijswijk || m == DenHaag);
        (await (await scene.Everywhere.GetAsync($"/api/v1/building-block-tables?municipality={DenHaag}")).ShouldBeAsync(HttpStatusCode.OK))
            .AsArray().Select(t => t!["municipality"]!.GetValue<string>()).Should().OnlyContain(m => m == DenHaag).And.NotBeEmpty();
        await (await scene.Everywhere.GetAsync("/api/v1/building-block-tables/GM0603-bouwblokken-v1")).ShouldBeAsync(HttpStatusCode.OK);

        (await (await scene.Everywhere.GetAsync($"/api/v1/building-block-tables?municipality={Elsewhere}")).ShouldBeAsync(HttpStatusCode.Forbidden))
            ["detail"]!.GetValue<string>().Should().Contain(Elsewhere);
        await (await scene.Everywhere.GetAsync($"/api/v1/sroi-policies?municipality={Elsewhere}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await scene.Everywhere.GetAsync($"/api/v1/building-block-tables/{elsewhereTable}")).ShouldBeAsync(HttpStatusCode.NotFound);

        // The histories: one municipality at a time, named, and one where it holds a contract.
        await (await scene.Everywhere.GetAsync($"/api/v1/sroi-policies/history?municipality={Rijswijk}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await scene.Everywhere.GetAsync($"/api/v1/building-block-tables/history?municipality={DenHaag}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await scene.Everywhere.GetAsync("/api/v1/sroi-policies/history")).ShouldNameFieldAsync("municipality");
        await (await scene.Everywhere.GetAsync($"/api/v1/building-block-tables/history?municipality={Elsewhere}")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Its_notification_feed_holds_its_own_contracts_in_every_municipality_and_a_municipality_narrows_it()
    {
        var scene = await SceneAsync();

        static IEnumerable<JsonNode> Registrations(JsonNode page) =>
            page["items"]!.AsArray().Select(n => n!).Where(n => n["type"]!.GetValue<string>() == "sroi-contract.registered");
        var feed = await Eventually.UntilAsync(
            async () => await (await scene.Everywhere.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK),
            page => Registrations(page).Count() >= 2, "both registrations are in the feed", TimeSpan.FromSeconds(15), page => page.ToJsonString());
        Registrations(feed).Select(n => (n["contractId"]!.GetValue<string>(), n["municipality"]!.GetValue<string>()))
            .Should().BeEquivalentTo([(scene.InRijswijk, Rijswijk), (scene.InDenHaag, DenHaag)]);
        // Whatever else it is sent is about its own two contracts.
        feed["items"]!.AsArray().Select(n => n!["contractId"]!.GetValue<string>()).Should().OnlyContain(id => id == scene.InRijswijk || id == scene.InDenHaag);

        var narrowed = await (await scene.Everywhere.GetAsync($"/api/v1/notifications?municipality={DenHaag}")).ShouldBeAsync(HttpStatusCode.OK);
        narrowed["items"]!.AsArray().Select(n => n!["contractId"]!.GetValue<string>()).Should().OnlyContain(id => id == scene.InDenHaag).And.NotBeEmpty();
    }

    [Fact]
    public async Task It_subscribes_for_itself_in_every_municipality_and_sees_only_its_own_subscriptions()
    {
        var scene = await SceneAsync();
        var bound = await api.ClientAsync("opdrachtnemer", Rijswijk, scene.Kvk);
        var otherContractor = await api.ClientAsync("opdrachtnemer", Rijswijk, ContractBodies.UniqueKvk());
        var hook = new JsonObject { ["url"] = "https://bouw.example.nl/sroi", ["types"] = new JsonArray("sroi-contract.registered", "fulfilment.reviewed") };

        var created = await (await scene.Everywhere.PostJsonAsync("/api/v1/webhook-subscriptions", hook)).ShouldBeAsync(HttpStatusCode.Created);
        created["municipality"].Should().BeNull();
        created["kvkNumber"]!.GetValue<string>().Should().Be(scene.Kvk);
        var id = created["id"]!.GetValue<string>();
        await (await scene.Everywhere.PostJsonAsync("/api/v1/webhook-subscriptions", hook.With("municipality", DenHaag)))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await scene.Everywhere.PostJsonAsync("/api/v1/webhook-subscriptions", hook.With("types", new JsonArray("fulfilment.reported"))))
            .ShouldNameFieldAsync("types[0]");

        var madeThere = await (await bound.PostJsonAsync("/api/v1/webhook-subscriptions", hook)).ShouldBeAsync(HttpStatusCode.Created);
        var theirs = await (await otherContractor.PostJsonAsync("/api/v1/webhook-subscriptions", hook)).ShouldBeAsync(HttpStatusCode.Created);

        // The organisation sees its subscriptions wherever they were made; the municipality narrows; never another contractor's.
        (await (await scene.Everywhere.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(s => s!["id"]!.GetValue<string>()).Should().BeEquivalentTo([id, madeThere["id"]!.GetValue<string>()]);
        (await (await scene.Everywhere.GetAsync($"/api/v1/webhook-subscriptions?municipality={Rijswijk}")).ShouldBeAsync(HttpStatusCode.OK))["items"]!
            .AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Equal(madeThere["id"]!.GetValue<string>());
        await (await scene.Everywhere.GetAsync($"/api/v1/webhook-subscriptions/{theirs["id"]}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await scene.Everywhere.DeleteAsync($"/api/v1/webhook-subscriptions/{theirs["id"]}")).ShouldBeAsync(HttpStatusCode.NotFound);
        // A key bound to a municipality keeps seeing that municipality's subscriptions only.
        (await (await bound.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(s => s!["id"]!.GetValue<string>()).Should().Equal(madeThere["id"]!.GetValue<string>());
        await (await otherContractor.GetAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);

        await (await scene.Everywhere.GetAsync($"/api/v1/webhook-subscriptions/{id}/deliveries")).ShouldBeAsync(HttpStatusCode.OK);
        var rotated = await (await scene.Everywhere.PostJsonAsync($"/api/v1/webhook-subscriptions/{id}/secret-rotation", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.OK);
        rotated["municipality"].Should().BeNull();
        await (await scene.Everywhere.DeleteAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NoContent);
    }

    /// <summary>Every route a contractor may not call stays 403 for a contractor acting everywhere; none answers a municipality's data.</summary>
    [Theory]
    [InlineData("/api/v1/worklist")]
    [InlineData("/api/v1/reports/placements?year=2024")]
    [InlineData("/api/v1/reports/sroi-placements?year=2024")]
    [InlineData("/api/v1/candidates/100234")]
    [InlineData("/api/v1/ambitions/history")]
    [InlineData("/api/v1/audit/checkpoints")]
    [InlineData("/api/v1/audit/verification")]
    [InlineData("/api/v1/api-keys")]
    public async Task The_routes_a_contractor_may_not_call_stay_403(string path)
    {
        var everywhere = await EverywhereKeyAsync(ContractBodies.UniqueKvk());
        var problem = await (await everywhere.GetAsync(path)).ShouldBeAsync(HttpStatusCode.Forbidden);
        problem["detail"]!.GetValue<string>().Should().Contain("'opdrachtnemer' may not");
    }

    [Fact]
    public async Task The_writes_a_contractor_may_not_make_stay_403()
    {
        var scene = await SceneAsync();
        await (await scene.Everywhere.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: scene.Kvk))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await scene.Everywhere.GetAsync($"/api/v1/contracts/{scene.InDenHaag}/history")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{scene.InDenHaag}/completion", new JsonObject { ["completedOn"] = "2025-03-31" }))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await scene.Everywhere.PostJsonAsync($"/api/v1/contracts/{scene.InDenHaag}/fulfilments/{Guid.NewGuid()}/acceptance", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    private async Task<HttpClient> EverywhereKeyAsync(string kvk)
    {
        var issued = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer", kvkNumber = kvk }))
            .ShouldBeAsync(HttpStatusCode.Created);
        return api.Client(issued["key"]!.GetValue<string>());
    }

    /// <summary>A contract of €200.000 owing 5% (set by procurement: Den Haag has no policy here), running now, so reports fall in its term.</summary>
    private static async Task<string> RegisterAsync(HttpClient inkoop, string kvk)
    {
        var body = ContractBodies.Registration(kvk: kvk, awardedOn: Iso(Today.PlusDays(-130)))
            .With("startsOn", Iso(Today.PlusDays(-100))).With("endsOn", Iso(Today.PlusDays(265)))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Percentage vastgesteld door inkoop" });
        return (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    /// <summary>Den Haag (and a test municipality) get a building-block table once; Rijswijk's is shipped.</summary>
    private async Task EnsureTableAsync(string municipality)
    {
        var tables = await (await api.Admin().GetAsync($"/api/v1/building-block-tables?municipality={municipality}")).ShouldBeAsync(HttpStatusCode.OK);
        if (tables.AsArray().Count > 0) return;
        using var added = await api.Admin().PostJsonAsync("/api/v1/building-block-tables",
            BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality));
        // Another test of this class may have added it a moment ago: its effective date is then taken.
        added.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Conflict);
        (await (await api.Admin().GetAsync($"/api/v1/building-block-tables?municipality={municipality}")).ShouldBeAsync(HttpStatusCode.OK))
            .AsArray().Should().NotBeEmpty();
    }

    private async Task<long> EventCountAsync(string contractId)
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"contract-{contractId}" });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The tenants the contract's events were written in: its municipality, whoever wrote them.</summary>
    private async Task<List<string>> TenantsOfAsync(string contractId)
    {
        await using var command = api.DataSource.CreateCommand("SELECT DISTINCT tenant_id FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"contract-{contractId}" });
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tenants.Add(reader.GetString(0));
        return tenants;
    }
}
