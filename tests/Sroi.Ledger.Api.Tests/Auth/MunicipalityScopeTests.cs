using System.Net;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// Every endpoint that takes <c>?municipality=</c>: a key bound to one municipality that names another gets a 403
/// problem+json (never its own data in silence), naming its own is as leaving it out, and an admin may name any.
/// </summary>
[Collection(ApiCollection.Name)]
public class MunicipalityScopeTests(LedgerApi api)
{
    private const string Own = "GM0603";
    private const string Other = "GM0518";

    /// <summary>Role and path of every endpoint with the parameter (found by grepping the endpoints for it).</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "inkoop", "/api/v1/contracts" },
        { "wsp", "/api/v1/contracts" },
        { "opdrachtnemer", "/api/v1/contracts" },
        { "auditor", "/api/v1/contracts" },
        { "wsp", "/api/v1/worklist" },
        { "wsp", "/api/v1/notifications" },
        { "opdrachtnemer", "/api/v1/notifications" },
        { "wsp", "/api/v1/webhook-subscriptions" },
        { "opdrachtnemer", "/api/v1/webhook-subscriptions" },
        { "inkoop", "/api/v1/sroi-policies" },
        { "opdrachtnemer", "/api/v1/building-block-tables" },
        { "wsp", "/api/v1/sroi-policies/history" },
        { "wsp", "/api/v1/building-block-tables/history" },
        { "wsp", "/api/v1/ambitions/history" },
        { "auditor", "/api/v1/audit/verification" },
        { "auditor", "/api/v1/audit/checkpoints" },
        { "wsp", "/api/v1/reports/placements?year=2024" },
        { "auditor", "/api/v1/reports/sroi-placements?year=2024" },
        { "wsp", "/api/v1/reports/trede-distribution?asOf=2024-01-01" },
        { "wsp", "/api/v1/reports/trede-flow?year=2024" },
        { "wsp", "/api/v1/candidates/100234" },
        { "auditor", "/api/v1/candidates/100234/history" },
        { "wsp", "/api/v1/candidates/100234/placements/6f9619ff-8b86-d011-b42d-00c04fc964ff" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Naming_another_municipality_is_403_problem_json_and_naming_its_own_is_not(string role, string path)
    {
        var client = await api.ClientAsync(role, Own, role == "opdrachtnemer" ? "12345678" : null);

        using var other = await client.GetAsync(WithMunicipality(path, Other));
        var problem = await other.ShouldBeAsync(HttpStatusCode.Forbidden);
        other.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem["detail"]!.GetValue<string>().Should().Contain(Own);

        using var own = await client.GetAsync(WithMunicipality(path, Own));
        // The candidate paths name a candidate that is not there: 404 is the answer for the caller's own municipality.
        own.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        using var left = await client.GetAsync(path);
        left.StatusCode.Should().Be(own.StatusCode, "naming the key's own municipality is the same as leaving it out");
    }

    [Theory]
    [InlineData("/api/v1/worklist")]
    [InlineData("/api/v1/contracts")]
    [InlineData("/api/v1/notifications")]
    [InlineData("/api/v1/reports/placements?year=2024")]
    public async Task An_admin_names_any_municipality(string path)
    {
        using var response = await api.Admin().GetAsync(WithMunicipality(path, Other));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bad_code_is_400_naming_the_field_before_any_403()
    {
        var wsp = await api.ClientAsync("wsp", Own);
        using var response = await wsp.GetAsync("/api/v1/worklist?municipality=Rijswijk");
        await response.ShouldNameFieldAsync("municipality");
    }

    private static string WithMunicipality(string path, string municipality) =>
        path + (path.Contains('?') ? '&' : '?') + "municipality=" + municipality;
}
