using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sroi.Ledger.Api.Dashboard.SignIn;

namespace Sroi.Ledger.Dashboard.Tests.SignIn;

/// <summary>
/// The session cookie's name by transport: the browser tests run over plain http on loopback (where a browser drops a
/// <c>__Host-</c> cookie), so the TLS case is proven here, on the cookie manager the cookie scheme uses.
/// </summary>
public class SessionCookieNameTests
{
    [Theory]
    [InlineData(true, "__Host-sroi-sessie")]
    [InlineData(false, "sroi-sessie")]
    public void The_session_cookie_has_the_host_prefix_over_tls(bool https, string name)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = https ? "https" : "http";
        new HostPrefixCookieManager().AppendResponseCookie(context, DashboardSignIn.CookieName, "key",
            new CookieOptions { HttpOnly = true, Secure = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Path = "/" });

        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.Single());
        cookie.Name.ToString().Should().Be(name);
        cookie.HttpOnly.Should().BeTrue();
        cookie.Secure.Should().BeTrue();
        cookie.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Lax);
        cookie.Path.ToString().Should().Be("/");
        cookie.Domain.HasValue.Should().BeFalse();

        context.Request.Headers.Cookie = $"{name}=key";
        new HostPrefixCookieManager().GetRequestCookie(context, DashboardSignIn.CookieName).Should().Be("key");
    }
}
