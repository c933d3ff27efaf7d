using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Notifications;

[Collection(ApiCollection.Name)]
public class WebhookSubscriptionTests(LedgerApi api)
{
    private const string Municipality = "GM9411";

    [Fact]
    public async Task The_secret_is_shown_once_and_each_key_sees_and_removes_only_its_own_subscriptions()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var kvk = ContractBodies.UniqueKvk();
        var contractor = await api.ClientAsync("opdrachtnemer", Municipality, kvk);
        var otherWsp = await api.ClientAsync("wsp", "GM9412");

        var created = await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://wsp.example.nl/sroi", "fulfilment.reported", "settlement.due")))
            .ShouldBeAsync(HttpStatusCode.Created);
        // Standard Webhooks: whsec_ and the base64 of the 32-byte HMAC key.
        var secret = created["secret"]!.GetValue<string>();
        secret.Should().MatchRegex("^whsec_[A-Za-z0-9+/]{43}=$");
        Convert.FromBase64String(secret["whsec_".Length..]).Should().HaveCount(32);
        created["municipality"]!.GetValue<string>().Should().Be(Municipality);
        created["kvkNumber"].Should().BeNull();
        created["types"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("fulfilment.reported", "settlement.due");
        var id = created["id"]!.GetValue<string>();
        var mine = await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://bouw.example.nl/hook", "report.due")))
            .ShouldBeAsync(HttpStatusCode.Created);
        mine["kvkNumber"]!.GetValue<string>().Should().Be(kvk);

        var read = await (await wsp.GetAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        read["secret"].Should().BeNull();
        (await (await wsp.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(s => s!["id"]!.GetValue<string>()).Should().Equal(id);
        (await (await contractor.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(s => s!["id"]!.GetValue<string>()).Should().Equal(mine["id"]!.GetValue<string>());
        await (await otherWsp.GetAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await contractor.DeleteAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await otherWsp.GetAsync($"/api/v1/webhook-subscriptions/{id}/deliveries")).ShouldBeAsync(HttpStatusCode.NotFound);
        (await (await wsp.GetAsync($"/api/v1/webhook-subscriptions/{id}/deliveries")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Should().BeEmpty();

        await (await wsp.DeleteAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await wsp.GetAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await wsp.DeleteAsync($"/api/v1/webhook-subscriptions/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        // The admin still reads a removed subscription's deliveries.
        await (await api.Admin().GetAsync($"/api/v1/webhook-subscriptions/{id}/deliveries")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("ftp://wsp.example.nl/sroi")]
    [InlineData("/relative/path")]
    [InlineData("https://user:secret@wsp.example.nl/sroi")]
    [InlineData("https://wsp.example.nl/sroi#part")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public async Task Only_an_absolute_http_or_https_url_is_accepted(string url) =>
        await (await (await api.ClientAsync("wsp", Municipality)).PostJsonAsync("/api/v1/webhook-subscriptions", Body(url, "fulfilment.reported")))
            .ShouldNameFieldAsync("url");

    [Fact]
    public async Task Types_must_be_known_distinct_and_sent_to_the_subscriber()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var contractor = await api.ClientAsync("opdrachtnemer", Municipality, ContractBodies.UniqueKvk());
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "fulfilment.reported", "contract.exploded")))
            .ShouldNameFieldAsync("types[1]");
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "report.due"))).ShouldNameFieldAsync("types[0]");
        await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "settlement.due"))).ShouldNameFieldAsync("types[0]");
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "contract.behind", "contract.behind")))
            .ShouldNameFieldAsync("types[1]");
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/"))).ShouldNameFieldAsync("types");
    }

    [Fact]
    public async Task A_key_subscribes_only_for_itself_and_an_admin_names_the_subscriber()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "fulfilment.reported").With("municipality", "GM9412")))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "report.due").With("kvkNumber", "12345678")))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await (await api.ClientAsync("inkoop", Municipality)).PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "fulfilment.reported")))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://a.example.nl/", "fulfilment.reported")))
            .ShouldNameFieldAsync("municipality");
        var forContractor = await (await api.Admin().PostJsonAsync("/api/v1/webhook-subscriptions",
                Body("https://a.example.nl/", "report.due").With("municipality", Municipality).With("kvkNumber", "12345678")))
            .ShouldBeAsync(HttpStatusCode.Created);
        forContractor["kvkNumber"]!.GetValue<string>().Should().Be("12345678");
    }

    private static JsonObject Body(string url, params string[] types) =>
        new() { ["url"] = url, ["types"] = new JsonArray([.. types.Select(t => JsonValue.Create(t))]) };
}
