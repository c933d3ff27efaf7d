using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.WebApp;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Dashboard.Tests.Browser;

/// <summary>
/// A wait that times out says why (DashboardTab.DiagnosedAsync): a form the service refused stays where it is, and the
/// failure names the refused request, what the page shows and whether the page had loaded — what a flaky run needs to
/// explain itself instead of "Timeout 90000ms exceeded".
/// </summary>
[Collection(DashboardCollection.Name)]
public class DiagnosisTests(DashboardSite site)
{
    [Fact]
    public async Task A_wait_for_a_page_that_never_comes_fails_with_what_the_page_shows_and_asked()
    {
        await WspWork.WspAsync(site);
        var open = await WspWork.ContractAsync(site, Today.PlusDays(-500), Today.PlusDays(-200));
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/contracten/{open.Id}/afrekening", DashboardSite.PublishedLabel);

        // "Met" with € 10.000 open: the service refuses (422) and the form stays.
        await tab.Page.GetByLabel("Voldaan").CheckAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Afrekening vastleggen" }).ClickAsync();
        await tab.Page.Locator("#uitkomst-fout").WaitForAsync();
        var waiting = () => tab.DiagnosedAsync(
            () => tab.Page.WaitForURLAsync($"**/dashboard/contracten/{open.Id}", new() { WaitUntil = WaitUntilState.Commit, Timeout = 2_000 }),
            "the contract's page");

        var failure = (await waiting.Should().ThrowAsync<TimeoutException>()).Which;
        failure.Message.Should().StartWith("Waited for the contract's page in vain.")
            .And.Contain($"Playwright's address: {tab.BaseUrl}/dashboard/contracten/{open.Id}/afrekening")
            .And.Contain("Playwright's load state: load fired")
            .And.Contain("\"readyState\":\"complete\"")
            .And.Contain("De verplichting is niet voldaan")
            .And.Contain($"POST /api/v1/contracts/{open.Id}/settlement → 422 in ")
            .And.Contain("Requests still unanswered: none")
            .And.Contain($"Refused: 422 /api/v1/contracts/{open.Id}/settlement")
            .And.Contain("Screenshot: ");
        failure.InnerException.Should().BeOfType<TimeoutException>();
    }
}
