using System.Net;
using System.Net.Http.Json;

namespace Sroi.Ledger.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public class ApiKeyTests(LedgerApi api)
{
    [Fact]
    public async Task The_location_of_an_issued_key_answers_with_the_key_without_its_secret()
    {
        using var response = await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "wsp", municipality = "GM0603" });
        var issued = await response.ShouldBeAsync(HttpStatusCode.Created);
        var id = issued["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/api-keys/{id}");

        var read = await (await api.Admin().GetAsync(response.Headers.Location)).ShouldBeAsync(HttpStatusCode.OK);
        read["id"]!.GetValue<string>().Should().Be(id);
        read["role"]!.GetValue<string>().Should().Be("wsp");
        read["municipality"]!.GetValue<string>().Should().Be("GM0603");
        read["key"].Should().BeNull("the secret is shown once, in the 201");
        await (await api.Admin().GetAsync($"/api/v1/api-keys/{Guid.NewGuid()}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await (await api.ClientAsync("wsp")).GetAsync(response.Headers.Location)).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_issues_a_key_that_is_shown_once_and_can_revoke_it()
    {
        var issued = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "auditor", municipality = "GM0603" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var key = issued["key"]!.GetValue<string>();
        var id = issued["id"]!.GetValue<string>();
        issued["role"]!.GetValue<string>().Should().Be("auditor");

        await (await api.Client(key).GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK);
        var listed = await (await api.Admin().GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);
        listed.AsArray().Single(k => k!["id"]!.GetValue<string>() == id)!["key"].Should().BeNull();

        (await api.Admin().DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await api.Client(key).GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await api.Admin().DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var issued = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "wsp", municipality = "GM0603" })).JsonAsync();

        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM api_keys WHERE key_hash::text LIKE '%' || $1 || '%'");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = issued["key"]!.GetValue<string>() });
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public async Task Only_an_admin_issues_keys()
    {
        var wsp = await api.ClientAsync("wsp");

        await (await wsp.PostAsJsonAsync("/api/v1/api-keys", new { role = "admin" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Client().PostAsJsonAsync("/api/v1/api-keys", new { role = "admin" })).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_contractor_key_needs_a_kvk_number_and_other_roles_may_not_have_one()
    {
        await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer", municipality = "GM0603" })).ShouldNameFieldAsync("kvkNumber");
        await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer", municipality = "GM0603", kvkNumber = "123" })).ShouldNameFieldAsync("kvkNumber");
        await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "inkoop", municipality = "GM0603", kvkNumber = "12345678" })).ShouldNameFieldAsync("kvkNumber");
        await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "inkoop" })).ShouldNameFieldAsync("municipality");
        await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "boss", municipality = "GM0603" })).ShouldNameFieldAsync("role");
    }
}
