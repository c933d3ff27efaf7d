using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Auth.Oidc.OidcLedgerApi;

namespace Sroi.Ledger.Api.Tests.Auth.Oidc;

/// <summary>
/// People sign in with their issuer's bearer token beside the API keys: each role has the rights it has with a key, every
/// token that fails a check is the same 401 problem, a rotated signing key is followed without a restart, and the
/// ledger records the person's pseudonymous actor.
/// </summary>
[Collection(OidcCollection.Name)]
public class BearerTokenTests(OidcLedgerApi api)
{
    /// <summary>Per role: a read it may make, and a write (or read) it may not.</summary>
    public static TheoryData<string, string, string, string> Rights => new()
    {
        { "inkoop", "/api/v1/contracts", "/api/v1/candidates", "Role 'inkoop' may not do this; allowed: wsp." },
        { "wsp", "/api/v1/worklist", "/api/v1/contracts", "Role 'wsp' may not do this; allowed: inkoop." },
        { "auditor", "/api/v1/audit/public-key", "/api/v1/contracts", "Role 'auditor' may not do this; allowed: inkoop." },
        { "admin", "/api/v1/api-keys", "/api/v1/contracts", "Role 'admin' may not do this; allowed: inkoop." },
        { "opdrachtnemer", "/api/v1/contracts", "/api/v1/candidates", "Role 'opdrachtnemer' may not do this; allowed: wsp." },
    };

    [Theory]
    [MemberData(nameof(Rights))]
    public async Task Each_role_has_the_rights_it_has_with_a_key(string role, string mayRead, string mayNotWrite, string refusal)
    {
        var person = api.WithToken(api.Issuer.Token(Person(role, municipality: role == "admin" ? null : "GM0603",
            kvk: role == "opdrachtnemer" ? ContractBodies.UniqueKvk() : null)));

        await (await person.GetAsync(mayRead)).ShouldBeAsync(HttpStatusCode.OK);
        var refused = await person.PostAsJsonAsync(mayNotWrite, new { });
        (await refused.ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Be(refusal);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task An_auditor_reads_only_its_own_municipality_as_with_a_key()
    {
        var auditor = api.WithToken(api.Issuer.Token(Person("auditor", municipality: "GM0603")));

        (await (await auditor.GetAsync("/api/v1/contracts?municipality=GM0518")).ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!
            .GetValue<string>().Should().Be("This key reads GM0603 only; GM0518 is another municipality's.");
    }

    public static TheoryData<string> RefusedTokens => new()
    {
        "expired", "wrong audience", "unknown issuer", "signed by another key", "alg none", "tampered payload", "HS256 with the public key",
        "not yet valid", "no expiry", "not a JWT",
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_that_fails_a_check_is_the_same_401_problem(string what)
    {
        var claims = Person("admin", municipality: null);
        var valid = api.Issuer.Token(claims);
        var token = what switch
        {
            "expired" => api.Issuer.Token(claims, issuedAt: DateTime.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5)),
            "not yet valid" => api.Issuer.Token(claims, issuedAt: DateTime.UtcNow.AddMinutes(5)),
            "no expiry" => api.Issuer.Token(claims, expires: false),
            "wrong audience" => api.Issuer.Token(claims, audience: "another-service"),
            "unknown issuer" => api.UnknownIssuer.Token(claims),
            "signed by another key" => api.Issuer.Token(claims, signWith: StandInIssuer.NewKey()),
            "alg none" => Unsigned(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, Payload(valid)),
            "tampered payload" => Tampered(valid),
            "HS256 with the public key" => HmacSigned(valid),
            "not a JWT" => "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        await (await api.WithToken(valid).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);

        var refused = await api.WithToken(token).GetAsync("/api/v1/api-keys");

        var problem = await refused.ShouldBeAsync(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.WwwAuthenticate.ToString().Should().Be("Bearer", "no error description tells which check failed");
        problem["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/unauthorized");
        problem["title"]!.GetValue<string>().Should().Be("Authentication required.");
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
        await (await api.WithToken(api.Issuer.Token(Person("admin", municipality: null))).GetAsync("/health/ready")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_without_a_role_the_ledger_can_act_on_is_refused_everywhere_with_a_403()
    {
        foreach (var claims in new[] { Person("burgemeester"), Person("wsp", municipality: null), Person("opdrachtnemer"), Person("wsp").Also(c => c.Add(new("roles", "inkoop"))) })
        {
            var person = api.WithToken(api.Issuer.Token(claims));
            foreach (var path in new[] { "/api/v1/contracts", "/api/v1/api-keys", "/api/v1/notifications" })
            {
                var refused = await person.GetAsync(path);
                (await refused.ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Be(ForbiddenAnswer.NoRole);
            }
        }
    }

    [Fact]
    public async Task A_write_made_with_a_token_records_the_persons_pseudonymous_actor_not_the_name()
    {
        var subject = Guid.NewGuid().ToString();
        var inkoop = api.WithToken(api.Issuer.Token(Person("inkoop", subject: subject, name: "M. de Vries")));

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: ContractBodies.UniqueKvk())))
            .ShouldBeAsync(HttpStatusCode.Created);
        var history = await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/history")).ShouldBeAsync(HttpStatusCode.OK);

        var actor = history["events"]![0]!["metadata"]!["actor"]!.GetValue<string>();
        actor.Should().Be(Caller.PersonActor(api.Issuer.Issuer, subject)).And.MatchRegex("^person:[A-Za-z0-9_-]{22}$");
        history["events"]!.ToJsonString().Should().NotContain("Vries");
        history["chain"]!["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_rotated_signing_key_is_followed_without_a_restart()
    {
        var claims = Person("admin", municipality: null);
        await (await api.WithToken(api.Issuer.Token(claims)).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.OK);

        api.Issuer.RotateKey();
        var rotated = api.Issuer.Token(claims);

        // The first token naming the new key makes the service re-read the issuer's JWKS (at most once a second here).
        var status = HttpStatusCode.Unauthorized;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0) await Task.Delay(500);
            status = (await api.WithToken(rotated).GetAsync("/api/v1/api-keys")).StatusCode;
        }
        status.Should().Be(HttpStatusCode.OK);
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

    /// <summary>The classic confusion: HS256 "signed" with the issuer's public key as the shared secret.</summary>
    private string HmacSigned(string jwt)
    {
        var header = Header(jwt);
        header["alg"] = "HS256";
        var input = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + jwt.Split('.')[1];
        var secret = Encoding.UTF8.GetBytes(api.Issuer.Issuer);
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
