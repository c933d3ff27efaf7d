using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Dashboard.SignIn;
using Sroi.Ledger.DevIdentity;
using Sroi.Ledger.DevIdentity.Accounts;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// compose.yaml's Keycloak realm (ops/keycloak/sroi-realm.json) against what the service expects of a provider: the same
/// roles, claims, audience, accounts and dashboard callback as the development provider. Keycloak itself does not run here
/// (no container runtime on the build machines), so this is what keeps the production-like path from drifting away from
/// the service unnoticed; it does not prove Keycloak accepts the file.
/// </summary>
public class KeycloakRealmTests
{
    private static readonly JsonNode Realm =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Checkout.Root(), "ops", "keycloak", "sroi-realm.json")))!;

    private static readonly string Compose = File.ReadAllText(Path.Combine(Checkout.Root(), "compose.yaml"));

    [Fact]
    public void The_realm_holds_exactly_the_ledgers_roles_as_client_roles_of_the_audience()
    {
        Realm["roles"]!["client"]![DevIdentityDefaults.Audience]!.AsArray().Select(r => r!["name"]!.GetValue<string>())
            .Should().BeEquivalentTo(Enum.GetNames<Role>().Select(r => r.ToLowerInvariant()));
    }

    [Fact]
    public void The_realm_has_the_development_providers_accounts_with_the_same_role_municipality_kvk_and_name()
    {
        var users = Realm["users"]!.AsArray().ToDictionary(u => u!["username"]!.GetValue<string>());
        users.Keys.Should().BeEquivalentTo(DevAccounts.All.Select(a => a.UserName));
        foreach (var account in DevAccounts.All)
        {
            var user = users[account.UserName]!;
            user["clientRoles"]![DevIdentityDefaults.Audience]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal([account.Role], account.UserName);
            Attribute(user, Caller.MunicipalityClaim).Should().Be(account.Municipality, account.UserName);
            Attribute(user, Caller.KvkClaim).Should().Be(account.KvkNumber, account.UserName);
            Attribute(user, Caller.RegionClaim).Should().Be(account.Region, account.UserName);
            $"{user["firstName"]} {user["lastName"]}".Should().Be(account.DisplayName, account.UserName);
            user["credentials"]![0]!["value"]!.GetValue<string>().Should().Be("${SROI_DEV_PASSWORD}", "no password in the repository");
        }
    }

    [Fact]
    public void The_dashboard_client_is_the_one_compose_configures_with_the_services_callback_pkce_and_claims()
    {
        var clientId = ComposeSetting("SROI_OIDC_CLIENT_ID");
        var client = Realm["clients"]!.AsArray().Single(c => c!["clientId"]!.GetValue<string>() == clientId)!;
        var callback = DashboardSignIn.CallbackPathOf(new OidcIssuer(0, new Uri(ComposeSetting("SROI_OIDC_AUTHORITY")), "", "", "", "", null));
        client["redirectUris"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal($"http://localhost:5080{callback}");
        client["attributes"]!["pkce.code.challenge.method"]!.GetValue<string>().Should().Be("S256");
        client["secret"]!.GetValue<string>().Should().Be("${SROI_KEYCLOAK_CLIENT_SECRET}", "no secret in the repository");

        var mappers = client["protocolMappers"]!.AsArray().Select(m => m!["config"]!).ToList();
        mappers.Should().ContainSingle(m => m["included.client.audience"] != null)
            .Which["included.client.audience"]!.GetValue<string>().Should().Be(ComposeSetting("SROI_OIDC_AUDIENCE"));
        mappers.Select(m => m["claim.name"]?.GetValue<string>()).Where(n => n is not null)
            .Should().BeEquivalentTo([Caller.RoleClaim, Caller.MunicipalityClaim, Caller.KvkClaim, Caller.RegionClaim]);
    }

    [Fact]
    public void Composes_authority_is_keycloaks_public_hostname_and_the_realm()
    {
        var hostname = Regex.Match(Compose, @"KC_HOSTNAME:\s*""([^""]+)""").Groups[1].Value;
        ComposeSetting("SROI_OIDC_AUTHORITY").Should().Be($"{hostname}/realms/{Realm["realm"]!.GetValue<string>()}");
        Compose.Should().Contain("network_mode: \"service:keycloak\"", "the service reaches Keycloak on loopback, at the address its tokens name");
    }

    private static string? Attribute(JsonNode user, string name) =>
        user["attributes"]?[name] is JsonArray values ? values.Single()!.GetValue<string>() : null;

    private static string ComposeSetting(string name)
    {
        var match = Regex.Match(Compose, $@"^\s*{name}:\s*""?([^""\r\n]+)""?\s*$", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"compose.yaml sets {name}");
        return match.Groups[1].Value.Trim();
    }
}
