using System.Net;
using NodaTime;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.SignIn;

/// <summary>
/// A session lasts a working day by the service's clock (the injected one, moved here): after 8 h its cookie is a 401
/// problem and its row is gone, whatever the machine's or the database's clock says.
/// </summary>
[Collection(DashboardCollection.Name)]
public class SessionExpiryTests(DashboardSite site)
{
    [Fact]
    public async Task After_eight_hours_by_the_services_clock_the_session_is_over_and_its_row_gone()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor");
        var cookie = (await tab.CookiesAsync()).Single(c => c.Name == "sroi-sessie").Value;
        try
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            site.Clock.Set(now + Duration.FromHours(7) + Duration.FromMinutes(59));
            (await CookieClient(cookie).GetAsync("/api/v1/contracts")).StatusCode.Should().Be(HttpStatusCode.OK);

            site.Clock.Set(now + Duration.FromHours(8) + Duration.FromMinutes(1));
            var late = await CookieClient(cookie).GetAsync("/api/v1/contracts");
            late.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            late.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await CookieClient(cookie).GetAsync("/dashboard/sessie")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        finally
        {
            site.Clock.Reset();
        }
        // Back at the real time the expired session stays ended: the handler deleted its row when it found it expired.
        (await CookieClient(cookie).GetAsync("/api/v1/contracts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private HttpClient CookieClient(string session)
    {
        var client = site.Client();
        client.DefaultRequestHeaders.Add("Cookie", $"sroi-sessie={session}");
        return client;
    }
}
