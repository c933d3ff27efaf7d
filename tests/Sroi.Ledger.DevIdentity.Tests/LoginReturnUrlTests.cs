using System.Net;
using Sroi.Ledger.Testing.Oidc;

namespace Sroi.Ledger.DevIdentity.Tests;

/// <summary>
/// The login page's <c>returnUrl</c> as a hostile link would fill it: a value that names another site, or that no
/// Location header can carry (a tab, a line break, a non-ASCII character: Kestrel refuses to write it, so the person got a
/// 500 after typing the password), sends the browser to the provider's root instead.
/// </summary>
public sealed class LoginReturnUrlTests(DevIdentityFixture fixture) : IClassFixture<DevIdentityFixture>
{
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/connect/authorize\r\nSet-Cookie: x=y")]
    [InlineData("/é")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_url_that_is_not_a_plain_local_path_goes_to_the_root(string returnUrl)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var page = new Uri(fixture.Server.Issuer, "account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var form = OidcSignIn.LoginForm.Parse(await http.GetStringAsync(page), page);
        form.Fields["returnUrl"].Should().Be("/");

        // Posted as a hostile page's form would post it, with the value itself.
        var fields = new Dictionary<string, string>(form.Fields)
        {
            ["username"] = "inkoop", ["password"] = DevIdentityFixture.Password, ["returnUrl"] = returnUrl,
        };
        using var posted = await http.PostAsync(form.Action, new FormUrlEncodedContent(fields));

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        posted.Headers.Location!.OriginalString.Should().Be("/");
    }
}
