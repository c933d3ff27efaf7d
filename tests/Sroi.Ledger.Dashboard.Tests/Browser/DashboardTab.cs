using System.Text.Json;
using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Accessibility;

namespace Sroi.Ledger.Dashboard.Tests.Browser;

/// <summary>
/// One browser context (its own cookies and storage) with one page on the dashboard, Dutch and in Amsterdam's time zone as
/// its users are. Collects what the page logs as an error and every script error, so a test can demand none.
/// </summary>
public sealed class DashboardTab : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];
    private readonly List<string> refused = [];

    private DashboardTab(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        // Chromium logs every answer of 400 or more as a console error; those are kept apart, with their path.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
                errors.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) => errors.Add($"script: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) refused.Add($"{response.Status} {new Uri(response.Url).AbsolutePath}");
        };
    }

    public IPage Page { get; }

    /// <summary>Script errors and console errors other than Chromium's line for a refused request.</summary>
    public IReadOnlyList<string> Errors => errors;

    /// <summary>Every answer of 400 or more, as "403 /api/v1/api-keys".</summary>
    public IReadOnlyList<string> Refused => refused;

    public static async Task<DashboardTab> OpenAsync(IBrowser browser, Uri address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString().TrimEnd('/'),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await Axe.InjectAsync(context);
        // CI runs these beside the other test projects on two cores: a page may take longer than Playwright's 30 s there.
        context.SetDefaultTimeout(90_000);
        return new DashboardTab(context, await context.NewPageAsync()) { BaseUrl = address.ToString().TrimEnd('/') };
    }

    /// <summary>Opens a page and waits until it has drawn what it fetched (or its message).</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await LoadedAsync();
    }

    public Task LoadedAsync() => Page.Locator("body[data-geladen='ja']").WaitForAsync();

    /// <summary>
    /// Clicks what leads to another page and waits until that page at <paramref name="url"/> has drawn what it fetched.
    /// The wait starts before the click (the page is elsewhere, so it cannot match early) and ends at the navigation's
    /// commit rather than its load event, so the old page's marker is never taken for the new one's and a slow machine
    /// cannot fire the load event before the wait begins.
    /// </summary>
    public async Task FollowAsync(ILocator link, string url)
    {
        var arrived = Page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await link.ClickAsync();
        await arrived;
        await LoadedAsync();
    }

    /// <summary>
    /// Signs in as a person does: opens <paramref name="path"/>, follows "Inloggen", chooses the provider by its label
    /// on the dashboard's choice page, types the account and password into the provider's login page and waits until
    /// the dashboard is back on <paramref name="path"/> with what it fetched.
    /// </summary>
    public async Task SignInAsync(string account, string path = "/dashboard", string provider = Hosting.DashboardSite.RijswijkLabel)
    {
        await GoAsync(path);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = provider }).ClickAsync();
        await Page.GetByLabel("Gebruikersnaam").FillAsync(account);
        await Page.GetByLabel("Wachtwoord").FillAsync(Hosting.DashboardSite.Password);
        await FollowAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }), BaseUrl + path);
    }

    /// <summary>The dashboard's origin (http://127.0.0.1:port).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The cookies the browser holds for the dashboard.</summary>
    public Task<IReadOnlyList<BrowserContextCookiesResult>> CookiesAsync() => context.CookiesAsync([BaseUrl]);

    /// <summary>The texts of the cells (th and td) of the rows the selector finds, with non-breaking spaces as spaces.</summary>
    public async Task<string[]> CellsAsync(string rowSelector) =>
        [.. (await Page.Locator($"{rowSelector} > th, {rowSelector} > td").AllInnerTextsAsync()).Select(Text)];

    public async Task<string> TextAsync(string selector) => Text(await Page.Locator(selector).InnerTextAsync());

    public static string Text(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();

    /// <summary>Every chart on the page: its accessible name and whether anything was painted on its canvas.</summary>
    public async Task<Chart[]> ChartsAsync() => JsonSerializer.Deserialize<Chart[]>(
        await Page.Locator("canvas").EvaluateAllAsync<string>(@"canvases => JSON.stringify(canvases.map(c => {
            const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
            return { role: c.getAttribute('role'), name: c.getAttribute('aria-label'), width: c.width, height: c.height, paintedPixels: painted };
        }))"), JsonSerializerOptions.Web)!;

    public Task<IReadOnlyList<string>> AccessibilityViolationsAsync() => Axe.ViolationsAsync(Page);

    /// <summary>The whole page as {name}.png in <see cref="Screenshots.Folder"/>.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

/// <summary>A canvas as the page drew it.</summary>
public sealed record Chart(string? Role, string? Name, int Width, int Height, int PaintedPixels);

/// <summary>
/// Where the tests put their screenshots: TestResults/screenshots of the checkout (found by walking up to
/// Sroi.Ledger.sln) on every run, and docs/screenshots — the ones the README shows — only when
/// <c>SROI_UPDATE_SCREENSHOTS=1</c>, so that a test run does not leave the committed pictures changed (their dates move).
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "SROI_UPDATE_SCREENSHOTS";

    public static string Folder { get; } = Find();

    private static string Find()
    {
        var into = Environment.GetEnvironmentVariable(UpdateVariable) == "1" ? Path.Combine("docs", "screenshots") : Path.Combine("TestResults", "screenshots");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sroi.Ledger.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, into)).FullName;
        throw new InvalidOperationException($"No Sroi.Ledger.sln above {AppContext.BaseDirectory}: where do the screenshots go?");
    }
}
