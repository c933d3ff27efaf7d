using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sroi.Ledger.Testing.Oidc;

namespace Sroi.Ledger.DevIdentity.Tests;

/// <summary>Tests that start a provider of their own: rotation, lifetimes, the command's banner, the loopback rule.</summary>
public sealed partial class ProviderLifecycleTests
{
    private const string Password = "rotation-test-password";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Rotating_the_signing_key_signs_new_tokens_with_a_new_kid_and_the_JWKS_lists_both()
    {
        await using var idp = await DevIdentityServer.StartAsync(new DevIdentityOptions { Password = Password });
        var before = Jwt.Parse(await OidcSignIn.AccessTokenAsync(idp.Issuer, "wsp", Password));
        before.KeyId.Should().Be(idp.CurrentSigningKeyId);

        var rotated = await idp.RotateSigningKeyAsync();

        rotated.Should().NotBe(before.KeyId);
        idp.CurrentSigningKeyId.Should().Be(rotated);
        var after = Jwt.Parse(await OidcSignIn.AccessTokenAsync(idp.Issuer, "wsp", Password));
        after.KeyId.Should().Be(rotated);
        var jwks = JsonNode.Parse(await Http.GetStringAsync(new Uri(idp.Issuer, ".well-known/jwks")))!.AsObject();
        jwks["keys"]!.AsArray().Select(key => key!["kid"]!.GetValue<string>()).Should().BeEquivalentTo(rotated, before.KeyId);
        after.IsSignedBy(jwks).Should().BeTrue();
        before.IsSignedBy(jwks).Should().BeTrue("a token issued before the rotation stays verifiable");
    }

    [Fact]
    public async Task The_access_token_lifetime_is_an_option()
    {
        await using var idp = await DevIdentityServer.StartAsync(
            new DevIdentityOptions { Password = Password, AccessTokenLifetime = TimeSpan.FromSeconds(2) });

        var tokens = await OidcSignIn.SignInAsync(idp.Issuer, "admin", Password, OidcClient.Tests);

        tokens.ExpiresIn.Should().BeInRange(1, 2);
        var token = Jwt.Parse(tokens.AccessToken);
        (token.Seconds("exp") - token.Seconds("iat")).Should().Be(2);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://192.168.1.10:5081")]
    [InlineData("http://sroi.example:5081")]
    [InlineData("https://127.0.0.1:5081")]
    public async Task It_refuses_to_start_on_anything_but_a_loopback_address(string url)
    {
        await FluentActions.Awaiting(() => DevIdentityServer.StartAsync(new DevIdentityOptions { Url = new Uri(url) }))
            .Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Without_SROI_DEV_PASSWORD_the_command_generates_a_password_prints_it_and_it_signs_in()
    {
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = DevIdentityCommand.RunAsync(
            new Dictionary<string, string?> { ["SROI_DEV_IDENTITY_URL"] = "http://127.0.0.1:0" }, output, stop.Token);
        try
        {
            var banner = await BannerAsync(output, run);
            banner.Should().Contain("for development and tests only, never production").And.Contain("loopback only");
            banner.Should().Contain("Accounts: inkoop (GM0603), wsp (GM0603), auditor (GM0603), admin, opdrachtnemer-12345678");
            var password = PrintedPassword().Match(banner);
            password.Success.Should().BeTrue(banner);
            var issuer = new Uri(IssuerLine().Match(banner).Groups[1].Value);

            var token = Jwt.Parse(await OidcSignIn.AccessTokenAsync(issuer, "inkoop", password.Groups[1].Value));

            token.Claim("iss").Should().Be(issuer.AbsoluteUri);
            token.Claim("aud").Should().Be("sroi-ledger");
        }
        finally
        {
            await stop.CancelAsync();
            (await run).Should().Be(0);
        }
    }

    [Fact]
    public async Task With_SROI_DEV_PASSWORD_the_command_uses_it_and_prints_no_password()
    {
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = DevIdentityCommand.RunAsync(new Dictionary<string, string?>
        {
            ["SROI_DEV_IDENTITY_URL"] = "http://127.0.0.1:0", ["SROI_DEV_PASSWORD"] = "chosen-by-the-developer",
            ["SROI_DEV_ACCESS_TOKEN_SECONDS"] = "60",
        }, output, stop.Token);
        try
        {
            var banner = await BannerAsync(output, run);
            banner.Should().Contain("Password: the value of SROI_DEV_PASSWORD").And.NotContain("chosen-by-the-developer");
            var issuer = new Uri(IssuerLine().Match(banner).Groups[1].Value);

            var token = Jwt.Parse(await OidcSignIn.AccessTokenAsync(issuer, "auditor", "chosen-by-the-developer"));

            (token.Seconds("exp") - token.Seconds("iat")).Should().Be(60);
        }
        finally
        {
            await stop.CancelAsync();
            (await run).Should().Be(0);
        }
    }

    private static async Task<string> BannerAsync(StringWriter output, Task<int> run)
    {
        for (var waited = 0; waited < 300 && !run.IsCompleted; waited++)
        {
            if (output.ToString().Contains("Access tokens:")) return output.ToString();
            await Task.Delay(100);
        }
        if (run.IsCompleted) await run;
        throw new TimeoutException("The command printed no banner within 30 s: " + output);
    }

    [GeneratedRegex(@"Password: (\S+)  \(generated")]
    private static partial Regex PrintedPassword();

    [GeneratedRegex(@"Issuer:\s+(\S+)")]
    private static partial Regex IssuerLine();
}
