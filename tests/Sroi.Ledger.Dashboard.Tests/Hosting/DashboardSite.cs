using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests.Hosting;
using Sroi.Ledger.Api.Tests.Reports;
using Sroi.Ledger.Dashboard.Tests.Browser;

namespace Sroi.Ledger.Dashboard.Tests.Hosting;

/// <summary>
/// The service on a real Kestrel port over its own database (the API tests' host), a ledger recorded through its API, and
/// Debian's Chromium. Chromium is looked for first, so that a machine without it fails at once with what to install.
/// </summary>
public sealed class DashboardSite : KestrelLedgerApi
{
    /// <summary>The municipality of the published placement figures (none of the contracts of <see cref="Ledger"/>).</summary>
    public const string PublishedMunicipality = "GM9001";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public SeededLedger Ledger { get; private set; } = null!;

    /// <summary>An auditor's key of <see cref="PublishedMunicipality"/>.</summary>
    public string PublishedAuditorKey { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        var chromium = DebianChromium.ExecutablePath();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true, Args = DebianChromium.Flags,
        });
        await base.InitializeAsync();
        Ledger = await SeededLedger.RecordAsync(this);
        await PublishedLedger.RecordAsync(this, PublishedMunicipality);
        PublishedAuditorKey = SeededLedger.KeyOf(await ClientAsync("auditor", PublishedMunicipality));
    }

    public override async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own session storage, so no one is signed in) on the dashboard.</summary>
    public Task<DashboardTab> OpenAsync() => DashboardTab.OpenAsync(Browser, Address);
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardSite>
{
    public const string Name = "dashboard";
}
