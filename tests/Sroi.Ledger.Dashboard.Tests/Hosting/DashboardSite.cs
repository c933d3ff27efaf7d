using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests.Hosting;
using Sroi.Ledger.Api.Tests.Notifications;
using Sroi.Ledger.Api.Tests.Reports;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.DevIdentity;
using Sroi.Ledger.DevIdentity.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Hosting;

/// <summary>
/// The service on a real Kestrel port over its own database (the API tests' host), a ledger recorded through its API, and
/// Debian's Chromium. Chromium is looked for first, so that a machine without it fails at once with what to install.
/// People sign in to the dashboard through two development identity providers (the one ops/run starts, twice), each
/// bound to a municipality by the service's settings (SROI_OIDC_MUNICIPALITY__n), so the sign-in page offers a choice:
/// <list type="bullet">
/// <item>issuer 0, "Gemeente Rijswijk": GM0603, the seeded ledger's municipality (its contractor account is the seeded
/// contractor of <see cref="SeededLedger.FarBehind"/>);</item>
/// <item>issuer 1, <see cref="PublishedLabel"/>: <see cref="PublishedMunicipality"/>, the published placement figures.</item>
/// </list>
/// The service's port is chosen before it starts: the providers must know its callback addresses.
/// </summary>
public sealed class DashboardSite : KestrelLedgerApi
{
    /// <summary>The municipality of the published placement figures (none of the contracts of <see cref="Ledger"/>).</summary>
    public const string PublishedMunicipality = "GM9001";

    public const string RijswijkLabel = "Gemeente Rijswijk";
    public const string PublishedLabel = "Gemeente GM9001 (gepubliceerde cijfers)";
    public const string Password = "dashboard-tests-password";
    private const string ClientSecret = "dashboard-tests-client-secret";

    private IPlaywright? playwright;
    private readonly int port = LoopbackOnly.FreePort(System.Net.IPAddress.Loopback);

    public IBrowser Browser { get; private set; } = null!;

    public SeededLedger Ledger { get; private set; } = null!;

    /// <summary>An auditor's key of <see cref="PublishedMunicipality"/>.</summary>
    public string PublishedAuditorKey { get; private set; } = "";

    /// <summary>The service's injected clock: real time unless a test moves it (and puts it back).</summary>
    public TestClock Clock { get; } = new();

    public DevIdentityServer Rijswijk { get; private set; } = null!;

    public DevIdentityServer Published { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        var chromium = DebianChromium.ExecutablePath();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true, Args = DebianChromium.Flags,
        });
        var site = $"http://127.0.0.1:{port}";
        Rijswijk = await DevIdentityServer.StartAsync(ProviderOptions(site, "/dashboard/signin-oidc"));
        Published = await DevIdentityServer.StartAsync(ProviderOptions(site, "/dashboard/signin-oidc-1"));
        await base.InitializeAsync();
        Ledger = await SeededLedger.RecordAsync(this);
        await PublishedLedger.RecordAsync(this, PublishedMunicipality);
        PublishedAuditorKey = SeededLedger.KeyOf(await ClientAsync("auditor", PublishedMunicipality));
    }

    private static DevIdentityOptions ProviderOptions(string site, string callback) => new()
    {
        Password = Password,
        ClientSecret = ClientSecret,
        RedirectUris = [new Uri(site + callback)],
        PostLogoutRedirectUris = [new Uri(site + "/dashboard/")],
    };

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        base.ConfigureHost(host);
        host.UseSetting("ASPNETCORE_URLS", $"http://127.0.0.1:{port}");
        host.UseSetting("SROI_OIDC_AUTHORITY__0", Rijswijk.Issuer.AbsoluteUri);
        host.UseSetting("SROI_OIDC_AUTHORITY__1", Published.Issuer.AbsoluteUri);
        host.UseSetting("SROI_OIDC_MUNICIPALITY__0", SeededLedger.Municipality);
        host.UseSetting("SROI_OIDC_MUNICIPALITY__1", PublishedMunicipality);
        host.UseSetting("SROI_OIDC_LABEL__0", RijswijkLabel);
        host.UseSetting("SROI_OIDC_LABEL__1", PublishedLabel);
        host.UseSetting("SROI_OIDC_AUDIENCE", DevIdentityDefaults.Audience);
        host.UseSetting("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false");
        host.UseSetting("SROI_OIDC_CLIENT_ID", DevIdentityDefaults.DashboardClientId);
        host.UseSetting("SROI_OIDC_CLIENT_SECRET", ClientSecret);
        host.ConfigureTestServices(services => services.AddSingleton<NodaTime.IClock>(Clock));
    }

    public override async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }
        await base.DisposeAsync();
        if (Rijswijk is not null) await Rijswijk.DisposeAsync();
        if (Published is not null) await Published.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies and storage, so no one is signed in) on the dashboard.</summary>
    public Task<DashboardTab> OpenAsync() => DashboardTab.OpenAsync(Browser, Address);
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardSite>
{
    public const string Name = "dashboard";
}
