using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.DevIdentity.Accounts;
using Sroi.Ledger.Testing.Oidc;

namespace Sroi.Ledger.DevIdentity.Tests;

public sealed class CodeFlowTests(DevIdentityFixture fixture) : IClassFixture<DevIdentityFixture>
{
    private DevIdentityServer Idp => fixture.Server;
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Discovery_names_the_issuer_its_endpoints_and_only_S256_for_PKCE()
    {
        var document = JsonNode.Parse(await Http.GetStringAsync(new Uri(Idp.Issuer, ".well-known/openid-configuration")))!;

        document["issuer"]!.GetValue<string>().Should().Be(Idp.Issuer.AbsoluteUri);
        document["authorization_endpoint"]!.GetValue<string>().Should().Be(new Uri(Idp.Issuer, "connect/authorize").AbsoluteUri);
        document["token_endpoint"]!.GetValue<string>().Should().Be(new Uri(Idp.Issuer, "connect/token").AbsoluteUri);
        document["userinfo_endpoint"]!.GetValue<string>().Should().Be(new Uri(Idp.Issuer, "connect/userinfo").AbsoluteUri);
        document["end_session_endpoint"]!.GetValue<string>().Should().Be(new Uri(Idp.Issuer, "connect/logout").AbsoluteUri);
        document["jwks_uri"]!.GetValue<string>().Should().Be(new Uri(Idp.Issuer, ".well-known/jwks").AbsoluteUri);
        Strings(document["code_challenge_methods_supported"]).Should().Equal("S256");
        Strings(document["grant_types_supported"]).Should().BeEquivalentTo("authorization_code", "refresh_token");
        Strings(document["response_types_supported"]).Should().Equal("code");
        Strings(document["id_token_signing_alg_values_supported"]).Should().Contain("RS256");

        var jwks = JsonNode.Parse(await Http.GetStringAsync(document["jwks_uri"]!.GetValue<string>()))!;
        var key = jwks["keys"]!.AsArray().Should().ContainSingle().Subject!;
        key["kty"]!.GetValue<string>().Should().Be("RSA");
        key["kid"]!.GetValue<string>().Should().Be(Idp.CurrentSigningKeyId);
        key["d"].Should().BeNull("the JWKS publishes the public half only");
    }

    [Theory]
    [InlineData("inkoop", "inkoop", "GM0603", null)]
    [InlineData("wsp", "wsp", "GM0603", null)]
    [InlineData("auditor", "auditor", "GM0603", null)]
    [InlineData("admin", "admin", null, null)]
    [InlineData("opdrachtnemer-12345678", "opdrachtnemer", null, "12345678")]
    public async Task The_code_flow_yields_a_signed_JWT_access_token_with_the_claims_contract(
        string userName, string role, string? municipality, string? kvk)
    {
        var tokens = await OidcSignIn.SignInAsync(Idp.Issuer, userName, DevIdentityFixture.Password, OidcClient.Tests);

        tokens.TokenType.Should().Be("Bearer");
        tokens.ExpiresIn.Should().BeInRange(899, 900);
        var token = Jwt.Parse(tokens.AccessToken);
        token.Header["alg"]!.GetValue<string>().Should().Be("RS256");
        token.Header["typ"]!.GetValue<string>().Should().Be("at+jwt");
        token.KeyId.Should().Be(Idp.CurrentSigningKeyId);
        token.IsSignedBy(await Jwks()).Should().BeTrue();

        var account = DevAccounts.Find(userName)!;
        token.Claim("iss").Should().Be(Idp.Issuer.AbsoluteUri);
        token.Claim("aud").Should().Be("sroi-ledger");
        token.Claim("sub").Should().Be(account.Subject.ToString()).And.NotContain(userName);
        token.Claim("name").Should().Be(account.DisplayName);
        token.Claim("email").Should().Be(account.Email);
        token.Payload["roles"].Should().BeOfType<JsonArray>("an array even for one role, as Entra ID and Keycloak send it");
        Strings(token.Payload["roles"]).Should().Equal(role);
        // An account without a municipality (admin, the contractor) or a KvK number has no such claim at all.
        foreach (var (claim, expected) in new[] { ("municipality", municipality), ("kvk", kvk) })
        {
            if (expected is null)
                token.Payload.ContainsKey(claim).Should().BeFalse($"{userName} has no {claim}");
            else
                token.Payload[claim]!.GetValue<string>().Should().Be(expected);
        }
        (token.Seconds("exp") - token.Seconds("iat")).Should().Be(900);

        // The identity token carries the same person for the dashboard, signed with the same key.
        var identity = Jwt.Parse(tokens.IdToken!);
        identity.Claim("aud").Should().Be(OidcClient.Tests.ClientId);
        identity.Claim("sub").Should().Be(account.Subject.ToString());
        Strings(identity.Payload["roles"]).Should().Equal(role);
    }

    [Fact]
    public async Task A_token_for_another_API_has_that_audience()
    {
        var token = Jwt.Parse(await OidcSignIn.AccessTokenAsync(Idp.Issuer, "wsp", DevIdentityFixture.Password, audience: "sroi-elsewhere"));

        token.Claim("aud").Should().Be("sroi-elsewhere");
    }

    [Fact]
    public async Task The_command_line_client_may_be_called_back_on_any_loopback_port_as_a_native_application()
    {
        var cli = new OidcClient("sroi-dev-cli", new Uri("http://127.0.0.1:53123/callback"));
        var tokens = await OidcSignIn.SignInAsync(Idp.Issuer, "admin", DevIdentityFixture.Password, cli);

        Jwt.Parse(tokens.AccessToken).Claim("client_id").Should().Be("sroi-dev-cli");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_login_page_in_Dutch_tied_to_the_fields()
    {
        var refused = await FluentActions.Awaiting(() =>
                OidcSignIn.SignInAsync(Idp.Issuer, "wsp", "not-the-password", OidcClient.Tests))
            .Should().ThrowAsync<OidcLoginRefusedException>();

        var page = refused.Which.LoginPage;
        page.Should().Contain("<html lang=\"nl\">").And.Contain("<h1>Inloggen bij SROI-ledger</h1>");
        page.Should().Contain("<p id=\"login-fout\" class=\"fout\" role=\"alert\">Onbekende gebruikersnaam of onjuist wachtwoord.</p>");
        page.Should().Contain("<label for=\"wachtwoord\">Wachtwoord</label>");
        page.Should().MatchRegex("<input id=\"wachtwoord\"[^>]*aria-describedby=\"login-fout\" aria-invalid=\"true\">");
        page.Should().Contain("value=\"wsp\"", "the name typed is kept").And.NotContain("not-the-password");
        page.Should().NotContain("<script").And.NotContain("style=").And.NotContain("http://").And.NotContain("https://");
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_answer_as_a_wrong_password()
    {
        var refused = await FluentActions.Awaiting(() =>
                OidcSignIn.SignInAsync(Idp.Issuer, "mallory", DevIdentityFixture.Password, OidcClient.Tests))
            .Should().ThrowAsync<OidcLoginRefusedException>();

        refused.Which.LoginPage.Should().Contain("Onbekende gebruikersnaam of onjuist wachtwoord.");
    }

    [Fact]
    public async Task The_login_page_sends_a_strict_content_security_policy()
    {
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri(Idp.Issuer, "account/login?returnUrl=%2F"));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Single()
            .Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        page.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
    }

    [Fact]
    public async Task A_posted_login_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var posted = await http.PostAsync(new Uri(Idp.Issuer, "account/login"), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "admin", ["password"] = DevIdentityFixture.Password, ["returnUrl"] = "/" }));

        posted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        posted.Headers.Contains("Set-Cookie").Should().BeFalse("no session is opened");
    }

    [Fact]
    public async Task PKCE_is_required_an_authorization_request_without_a_code_challenge_is_refused()
    {
        using var withoutChallenge = await OidcSignIn.AuthorizeRawAsync(Idp.Issuer,
        [
            ("client_id", "sroi-tests"), ("redirect_uri", "http://127.0.0.1/callback"), ("response_type", "code"),
            ("scope", "openid sroi-ledger"), ("state", "s1"),
        ]);
        Refused(withoutChallenge).Should().Contain("The mandatory 'code_challenge' parameter is missing.");

        using var plain = await OidcSignIn.AuthorizeRawAsync(Idp.Issuer,
        [
            ("client_id", "sroi-tests"), ("redirect_uri", "http://127.0.0.1/callback"), ("response_type", "code"),
            ("scope", "openid sroi-ledger"), ("state", "s2"), ("code_challenge", new string('a', 43)), ("code_challenge_method", "plain"),
        ]);
        Refused(plain).Should().Contain("code_challenge_method");
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_on_the_provider_never_redirected_to()
    {
        using var response = await OidcSignIn.AuthorizeRawAsync(Idp.Issuer,
        [
            ("client_id", "sroi-tests"), ("redirect_uri", "http://evil.example/callback"), ("response_type", "code"),
            ("scope", "openid"), ("code_challenge", new string('a', 43)), ("code_challenge_method", "S256"),
        ]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task The_dashboard_is_a_confidential_client_its_code_is_redeemed_with_its_secret_at_any_registered_redirect()
    {
        var dashboard = new OidcClient("sroi-dashboard", new Uri("http://127.0.0.1:5999/dashboard/signin-oidc"), "dashboard-secret-for-tests");
        var tokens = await OidcSignIn.SignInAsync(Idp.Issuer, "auditor", DevIdentityFixture.Password, dashboard);
        Jwt.Parse(tokens.AccessToken).Claim("aud").Should().Be("sroi-ledger");

        var wrongSecret = dashboard with { ClientSecret = "guessed" };
        await FluentActions.Awaiting(() => OidcSignIn.SignInAsync(Idp.Issuer, "auditor", DevIdentityFixture.Password, wrongSecret))
            .Should().ThrowAsync<HttpRequestException>().Where(refused => refused.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_yields_a_new_access_token_for_the_same_person()
    {
        var first = await OidcSignIn.SignInAsync(Idp.Issuer, "inkoop", DevIdentityFixture.Password, OidcClient.Tests);
        var refreshed = await OidcSignIn.RefreshAsync(Idp.Issuer, first.RefreshToken!, OidcClient.Tests);

        var token = Jwt.Parse(refreshed.AccessToken);
        token.Claim("sub").Should().Be(DevAccounts.Find("inkoop")!.Subject.ToString());
        token.Claim("aud").Should().Be("sroi-ledger");
        token.Claim("municipality").Should().Be("GM0603");
        refreshed.RefreshToken.Should().NotBe(first.RefreshToken, "refresh tokens roll");
    }

    [Fact]
    public async Task Userinfo_answers_the_persons_claims_for_its_access_token()
    {
        var token = await OidcSignIn.AccessTokenAsync(Idp.Issuer, "opdrachtnemer-12345678", DevIdentityFixture.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Idp.Issuer, "connect/userinfo"));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var claims = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        claims["name"]!.GetValue<string>().Should().Be("P. Smit");
        claims["kvk"]!.GetValue<string>().Should().Be("12345678");
        Strings(claims["roles"]).Should().Equal("opdrachtnemer");
        claims["municipality"].Should().BeNull();
    }

    [Fact]
    public async Task Signing_out_ends_the_providers_session_and_returns_to_the_clients_registered_address()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var login = await browser.GetStringAsync(new Uri(Idp.Issuer, "account/login?returnUrl=%2F"));
        var form = OidcSignIn.LoginForm.Parse(login, new Uri(Idp.Issuer, "account/login"));
        form.Fields["username"] = "wsp";
        form.Fields["password"] = DevIdentityFixture.Password;
        using (var signedIn = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields)))
            signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AuthorizeAsync(browser)).GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1/callback", "signed in: a code at once");

        using var signedOut = await browser.GetAsync(new Uri(Idp.Issuer,
            "connect/logout?client_id=sroi-dashboard&post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:5080/dashboard/") + "&state=bye"));

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.AbsoluteUri.Should().Be("http://localhost:5080/dashboard/?state=bye");
        (await AuthorizeAsync(browser)).AbsolutePath.Should().Be("/account/login", "signed out: asked to sign in again");
    }

    [Fact]
    public async Task Signing_out_to_an_unregistered_address_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(new Uri(Idp.Issuer,
            "connect/logout?client_id=sroi-dashboard&post_logout_redirect_uri=" + Uri.EscapeDataString("http://evil.example/")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    private async Task<Uri> AuthorizeAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync(new Uri(Idp.Issuer,
            "connect/authorize?client_id=sroi-tests&response_type=code&scope=openid&redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1/callback")
            + "&code_challenge=" + new string('a', 43) + "&code_challenge_method=S256"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(Idp.Issuer, location);
    }

    private async Task<JsonObject> Jwks() =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri(Idp.Issuer, ".well-known/jwks")))!.AsObject();

    /// <summary>OpenIddict answers a malformed authorization request on its own page (400), never with a code.</summary>
    private static string Refused(HttpResponseMessage response)
    {
        var body = response.Content.ReadAsStringAsync().Result;
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Headers.Location.Should().BeNull();
        body.Should().Contain("error:invalid_request");
        return body;
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToArray() : [node!.GetValue<string>()];
}
