using Sroi.Ledger.Api.Dashboard.SignIn;

namespace Sroi.Ledger.Dashboard.Tests.SignIn;

/// <summary>
/// <c>/dashboard/inloggen?terug=</c> as an open redirect: every way of naming another site (or a value no Location header
/// can carry) falls back to the dashboard; a path of the dashboard, as the pages send it, comes back unchanged.
/// </summary>
public class ReturnPathTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/dashboard")]
    [InlineData("//evil.example/dashboard")]
    [InlineData("/\\evil.example")]
    [InlineData("/dashboard//evil.example")]
    [InlineData("/dashboard/\\evil.example")]
    [InlineData("/dashboard/\t/evil.example")]
    [InlineData("/dashboard\r\nSet-Cookie: x=y")]
    [InlineData("/dashboard/contracten/é")]
    [InlineData("javascript:alert(1)//dashboard")]
    [InlineData("/dashboard.evil.example")]
    [InlineData("/api/v1/admin/api-keys")]
    [InlineData(" /dashboard")]
    public void A_return_path_that_is_not_a_plain_path_of_the_dashboard_becomes_the_dashboard(string? terug) =>
        DashboardSignInEndpoints.ReturnPath(terug).Should().Be("/dashboard");

    [Fact]
    public void A_return_path_longer_than_the_state_should_carry_becomes_the_dashboard() =>
        DashboardSignInEndpoints.ReturnPath("/dashboard/" + new string('a', 4000)).Should().Be("/dashboard");

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard?inloggen=mislukt")]
    [InlineData("/dashboard/contracten/0b7e5c21-8d4f-4a3e-b6c9-2f1a7d9e4c52")]
    [InlineData("/dashboard/plaatsingen?jaar=2025&gemeente=GM0603")]
    [InlineData("/dashboard/contracten/%C3%A9")]
    public void A_path_of_the_dashboard_comes_back_unchanged(string terug) =>
        DashboardSignInEndpoints.ReturnPath(terug).Should().Be(terug);
}
