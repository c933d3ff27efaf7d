using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.DevIdentity;
using Sroi.Ledger.DevIdentity.Accounts;
using Sroi.Ledger.Testing.Oidc;
using static Sroi.Ledger.Api.Tests.Auth.Oidc.OidcLedgerApi;

namespace Sroi.Ledger.Api.Tests.Auth.Oidc;

/// <summary>
/// People sign in at a real OpenID Connect provider (the development one ops/run starts) and present its access token
/// beside the API keys: each role has the rights it has with a key, every token that fails a check is the same 401
/// problem, a rotated signing key is followed without a restart, and the ledger records the person's pseudonymous actor.
/// </summary>
[Collection(OidcCollection.Name)]
public class BearerTokenTests(OidcLedgerApi api)
{
    /// <summary>Per account of the development provider: a read its role may make, and a write (or read) it may not.</summary>
    public static TheoryData<string, string, string, string> Rights => new()
    {
        { "inkoop", "/api/v1/contracts", "/api/v1/candidates", "Role 'inkoop' may not do this; allowed: wsp." },
        { "wsp", "/api/v1/worklist", "/api/v1/contracts", "Role 'wsp' may not do this; allowed: inkoop." },
        { "auditor", "/api/v1/audit/public-key", "/api/v1/contracts", "Role 'auditor' may not do this; allowed: inkoop." },
        { "admin", "/api/v1/api-keys", "/api/v1/contracts", "Role 'admin' may not do this; allowed: inkoop." },
        { "opdrachtnemer-12345678", "/api/v1/contracts", "/api/v1/candidates", "Role 'opdrachtnemer' may not do this; allowed: wsp." },
        // Issue 21: the coordinator of Haaglanden (the token's region claim) reads its region's report, no contract.
        { "regiocoordinator", "/api/v1/reports/regions/haaglanden/sroi-placements?year=2024", "/api/v1/contracts",
            "Role 'regiocoordinator' may not do this; allowed: inkoop." },
    };

    [Theory]
    [MemberData(nameof(Rights))]
    public async Task Each_role_signed_in_at_the_provider_has_the_rights_it_has_with_a_key(string account, string mayRead, string mayNotWrite, string refusal)
    {
        var person = await api.PersonAsync(account);

        await (await person.GetAsync(mayRead)).ShouldBeAsync(HttpStatusCode.OK);
        var refused = await person.PostAsJsonAsync(mayNotWrite, new { });
        (await refused.ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Be(refusal);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_person_of_a_municipality_reads_only_its_own_as_with_a_key()
    {
        var auditor = await api.PersonAsync("auditor");

        (await (await auditor.GetAsync("/api/v1/contracts?municipality=GM0518")).ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!
            .GetValue<string>().Should().Be("This key reads GM0603 only; GM0518 is another municipality's.");
    }

    public static TheoryData<string> RefusedTokens => new()
    {
        "wrong audience", "unknown issuer", "signed by another key", "alg none", "tampered payload", "HS256 with the public key",
        "not a JWT", "not yet valid", "no expiry",
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_that_fails_a_check_is_the_same_401_problem(string what)
    {
        var valid = await api.TokenAsync("admin");
        var standIn = Person("admin", municipality: null);
        var token = what switch
        {
            "wrong audience" => await OidcSignIn.AccessTokenAsync(api.Provider.Issuer, "admin", OidcLedgerApi.Password, DevIdentityDefaults.OtherAudience),
            "unknown issuer" => await OidcSignIn.AccessTokenAsync(api.UnknownProvider.Issuer, "admin", OidcLedgerApi.Password),
            "signed by another key" => SignedByAnotherKey(valid),
            "alg none" => Unsigned(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, Payload(valid)),
            "tampered payload" => Tampered(valid),
            "HS256 with the public key" => await HmacSignedWithTheProvidersPublicKeyAsync(valid),
            "not a JWT" => "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
            "not yet valid" => api.StandIn.Token(standIn, issuedAt: DateTime.UtcNow.AddMinutes(5)),
            "no expiry" => api.StandIn.Token(standIn, expires: false),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        await (await api.WithToken(valid).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);
        await (await api.WithToken(api.StandIn.Token(standIn)).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);

        await ShouldBeRefusedAsync(await api.WithToken(token).GetAsync("/api/v1/api-keys"));
    }

    [Fact]
    public async Task An_expired_token_of_the_provider_is_refused()
    {
        var token = await OidcSignIn.AccessTokenAsync(api.ShortLivedProvider.Issuer, "admin", OidcLedgerApi.Password);
        await (await api.WithToken(token).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);

        // It lives one second; the service allows 30 s of clock difference beyond that.
        var expires = DateTimeOffset.FromUnixTimeSeconds(Payload(token)["exp"]!.GetValue<long>());
        await Task.Delay(expires + LedgerAuthentication.ClockSkew + TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow);

        await ShouldBeRefusedAsync(await api.WithToken(token).GetAsync("/api/v1/api-keys"));
    }

    [Fact]
    public async Task A_token_of_an_issuer_that_is_down_is_a_401_not_a_500()
    {
        var token = api.StandIn.Token(Person("admin", municipality: null), issuer: OidcLedgerApi.UnreachableIssuer);

        await ShouldBeRefusedAsync(await api.WithToken(token).GetAsync("/api/v1/api-keys"));
    }

    [Fact]
    public async Task A_token_naming_the_configured_issuer_is_checked_against_the_keys_fetched_at_the_authority()
    {
        var token = api.StandIn.Token(Person("admin", municipality: null), issuer: OidcLedgerApi.PublicIssuer);
        await (await api.WithToken(token).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);

        var forged = api.StandIn.Token(Person("admin", municipality: null), issuer: OidcLedgerApi.PublicIssuer, signWith: StandInIssuer.NewKey());
        await ShouldBeRefusedAsync(await api.WithToken(forged).GetAsync("/api/v1/api-keys"));
        var elsewhere = api.StandIn.Token(Person("admin", municipality: null), issuer: "http://127.0.0.2:8443/realms/other");
        await ShouldBeRefusedAsync(await api.WithToken(elsewhere).GetAsync("/api/v1/api-keys"));
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage refused)
    {
        var problem = await refused.ShouldBeAsync(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.WwwAuthenticate.ToString().Should().Be("Bearer", "no error description tells which check failed");
        problem["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/unauthorized");
        problem["title"]!.GetValue<string>().Should().Be("Authentication required.");
        problem["status"]!.GetValue<int>().Should().Be(401);
        problem["detail"]!.GetValue<string>().Should().Be(LedgerAuthentication.TokenRefused);
        problem.AsObject().Select(p => p.Key).Should().BeSubsetOf(["type", "title", "status", "detail", "instance", "traceId"]);
    }

    [Fact]
    public async Task API_keys_and_the_admin_key_work_as_before_beside_tokens()
    {
        await (await api.Admin().GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);
        await (await (await api.ClientAsync("wsp")).GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
        (await (await api.Client(ApiKeys.Prefix + "unknown").GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!
            .GetValue<string>().Should().Be("The API key is unknown or revoked.");
        (await (await api.Client().GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!
            .GetValue<string>().Should().Be("Send an API key as 'Authorization: Bearer <key>'.");
        await (await (await api.PersonAsync("admin")).GetAsync("/health/live")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_issuer_signs_people_in_beside_the_first()
    {
        var inkoop = api.WithToken(api.StandIn.Token(Person("inkoop")));

        await (await inkoop.GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_without_a_role_the_ledger_can_act_on_is_refused_everywhere_with_a_403()
    {
        foreach (var claims in new[] { Person("burgemeester"), Person("wsp", municipality: null), Person("wsp", municipality: "Rijswijk"),
                     Person("opdrachtnemer"), Person("wsp").Also(c => c.Add(new("roles", "inkoop"))) })
        {
            var person = api.WithToken(api.StandIn.Token(claims));
            foreach (var path in new[] { "/api/v1/contracts", "/api/v1/api-keys", "/api/v1/notifications" })
            {
                var refused = await person.GetAsync(path);
                (await refused.ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Be(ForbiddenAnswer.NoRole);
            }
        }
    }

    [Fact]
    public async Task Admin_in_another_case_or_with_spaces_is_another_applications_role_not_the_ledgers()
    {
        // A role claim holding more than the ledger's roles (Keycloak's realm_access.roles) may say "Admin" for some other
        // application's administrator: that is no ledger admin (which needs nothing beside it), and no second role beside
        // the one the ledger knows.
        foreach (var role in new[] { "Admin", "ADMIN", " admin", "admin ", "1" })
        {
            var person = api.WithToken(api.StandIn.Token(Person(role, municipality: null)));
            var refused = await person.GetAsync("/api/v1/api-keys");
            (await refused.ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Be(ForbiddenAnswer.NoRole, role);
        }
        var wsp = api.WithToken(api.StandIn.Token(Person("wsp").Also(c => c.Add(new("roles", "Admin")))));
        await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tokens_naming_unknown_keys_make_no_metadata_refresh_storm()
    {
        // Each token names a key id the issuer never published: each asks for a refresh, which is granted at most once per
        // refresh interval (1 s here), so one caller cannot make the service fetch the issuer's metadata per request.
        var valid = api.WithToken(api.StandIn.Token(Person("wsp")));
        await (await valid.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
        var before = Volatile.Read(ref api.StandIn.DiscoveryRequests);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 40; i++)
            await ShouldBeRefusedAsync(await api.WithToken(SignedByAnotherKey(api.StandIn.Token(Person("wsp")))).GetAsync("/api/v1/worklist"));
        var fetched = Volatile.Read(ref api.StandIn.DiscoveryRequests) - before;

        fetched.Should().BeLessThanOrEqualTo((int)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1, $"40 requests in {clock.Elapsed}");
        await (await valid.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_write_made_with_a_token_records_the_persons_pseudonymous_actor_not_the_name()
    {
        var inkoop = await api.PersonAsync("inkoop");
        var account = DevAccounts.Find("inkoop")!;

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: ContractBodies.UniqueKvk())))
            .ShouldBeAsync(HttpStatusCode.Created);
        var history = await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/history")).ShouldBeAsync(HttpStatusCode.OK);

        var actor = history["events"]![0]!["metadata"]!["actor"]!.GetValue<string>();
        Payload(await api.TokenAsync("inkoop"))["sub"]!.GetValue<string>().Should().Be(account.Subject.ToString());
        actor.Should().Be(Caller.PersonActor(api.Provider.Issuer.AbsoluteUri, account.Subject.ToString()))
            .And.MatchRegex("^person:[A-Za-z0-9_-]{22}$");
        history["events"]![0]!["metadata"]!.ToJsonString().Should().NotContain("Vries").And.NotContain("rijswijk.example");
        history["chain"]!["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task The_history_names_the_person_from_the_directory_until_they_are_erased_and_stays_verifiable()
    {
        var inkoop = await api.PersonAsync("inkoop");
        var account = DevAccounts.Find("inkoop")!;
        var actor = Caller.PersonActor(api.Provider.Issuer.AbsoluteUri, account.Subject.ToString());
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(180_000m, kvk: ContractBodies.UniqueKvk())))
            .ShouldBeAsync(HttpStatusCode.Created);
        var historyPath = $"/api/v1/contracts/{contract["id"]}/history";

        // Signing in filled the directory from the token's claims: the history shows the name, the role and the municipality.
        var named = (await (await inkoop.GetAsync(historyPath)).ShouldBeAsync(HttpStatusCode.OK))["events"]![0]!;
        named["metadata"]!["actor"]!.GetValue<string>().Should().Be(actor);
        named["actorName"]!.GetValue<string>().Should().Be("M. de Vries");
        named["actorDisplay"]!.GetValue<string>().Should().Be("M. de Vries (Inkoop Rijswijk)");

        (await api.Admin().DeleteAsync($"/api/v1/people/{actor}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // Read with a key: the person's own next request would be the same sign-in (the token is older than the erasure).
        var auditor = await api.ClientAsync("auditor");
        var erased = await (await auditor.GetAsync(historyPath)).ShouldBeAsync(HttpStatusCode.OK);
        erased["events"]![0]!["metadata"]!["actor"]!.GetValue<string>().Should().Be(actor);
        erased["events"]![0]!.AsObject().Should().ContainKey("actorName");
        erased["events"]![0]!["actorName"].Should().BeNull();
        erased["events"]![0]!.ToJsonString().Should().NotContain("Vries");
        erased["chain"]!["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_persons_Idempotency_Key_replays_their_write()
    {
        var inkoop = await api.PersonAsync("inkoop");
        var body = ContractBodies.Registration(150_000m, kvk: ContractBodies.UniqueKvk());
        var key = Guid.NewGuid().ToString();

        var first = await (await inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key))).ShouldBeAsync(HttpStatusCode.Created);
        var again = await (await inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key))).ShouldBeAsync(HttpStatusCode.Created);

        again["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_rotation_at_the_provider_is_followed_without_a_restart()
    {
        var before = await OidcSignIn.AccessTokenAsync(api.Provider.Issuer, "wsp", OidcLedgerApi.Password);
        await (await api.WithToken(before).GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);

        var rotated = await api.Provider.RotateSigningKeyAsync();
        var after = await OidcSignIn.AccessTokenAsync(api.Provider.Issuer, "wsp", OidcLedgerApi.Password);
        Header(after)["kid"]!.GetValue<string>().Should().Be(rotated);

        // The first token naming the new key makes the service re-read the provider's keys (here at most once a second).
        var status = HttpStatusCode.Unauthorized;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0) await Task.Delay(500);
            status = (await api.WithToken(after).GetAsync("/api/v1/worklist")).StatusCode;
        }
        status.Should().Be(HttpStatusCode.OK);
        await (await api.WithToken(before).GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>The provider's token re-signed with a key of our own under a key id of our own, claims unchanged.</summary>
    private static string SignedByAnotherKey(string jwt)
    {
        var key = StandInIssuer.NewKey();
        var header = Base64Url(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "RS256", ["kid"] = key.KeyId, ["typ"] = "at+jwt" }.ToJsonString()));
        var input = header + "." + jwt.Split('.')[1];
        return input + "." + Base64Url(key.Rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static JsonObject Header(string jwt) => JsonNode.Parse(Base64UrlDecode(jwt.Split('.')[0]))!.AsObject();

    private static JsonObject Payload(string jwt) => JsonNode.Parse(Base64UrlDecode(jwt.Split('.')[1]))!.AsObject();

    private static string Unsigned(JsonObject header, JsonObject payload) =>
        Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString())) + ".";

    /// <summary>The valid token with its payload changed (the role raised) and the issuer's signature kept.</summary>
    private static string Tampered(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Payload(jwt);
        payload["sub"] = "someone-else";
        return parts[0] + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }

    /// <summary>The classic confusion: HS256 "signed" with the provider's published public key as the shared secret.</summary>
    private async Task<string> HmacSignedWithTheProvidersPublicKeyAsync(string jwt)
    {
        using var http = new HttpClient();
        var jwks = await http.GetStringAsync(new Uri(api.Provider.Issuer, DevIdentityDefaults.JwksPath.TrimStart('/')));
        var header = Header(jwt);
        header["alg"] = "HS256";
        var input = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + jwt.Split('.')[1];
        var secret = Encoding.UTF8.GetBytes(JsonNode.Parse(jwks)!["keys"]![0]!["n"]!.GetValue<string>());
        return input + "." + Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
