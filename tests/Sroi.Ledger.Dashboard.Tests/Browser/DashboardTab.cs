using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Accessibility;

namespace Sroi.Ledger.Dashboard.Tests.Browser;

/// <summary>
/// One browser context (its own cookies and storage) with one page on the dashboard, Dutch and in Amsterdam's time zone as
/// its users are. Collects what the page logs as an error and every script error, so a test can demand none, and every
/// request the page makes, so a wait that times out says what the page showed and asked meanwhile (<see cref="DiagnosedAsync"/>).
/// </summary>
public sealed class DashboardTab : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];
    private readonly List<string> refused = [];
    private readonly Exchanges exchanges = new();

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
        exchanges.Follow(page);
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

    public Task LoadedAsync() => DiagnosedAsync(() => Page.Locator("body[data-geladen='ja']").WaitForAsync(), "the page's data-geladen='ja'");

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
        await DiagnosedAsync(() => arrived, $"the page at {url}");
        await LoadedAsync();
    }

    /// <summary>
    /// After a form's submit (or a click that sends something and then moves on): waits until the page is at
    /// <paramref name="url"/> (a glob, as Playwright's) and has drawn what it fetched. It waits for the URL's commit, not for
    /// the document's load event: the pages move on within the document (the router), where a load event says nothing.
    /// A page that never moves on (a refusal shown, a request unanswered) fails with what it shows and asked.
    /// </summary>
    public async Task ArriveAsync(string url)
    {
        await DiagnosedAsync(() => Page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit }), $"the page at {url}");
        await LoadedAsync();
    }

    /// <inheritdoc cref="ArriveAsync(string)"/>
    public async Task ArriveAsync(Regex url)
    {
        await DiagnosedAsync(() => Page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit }), $"the page at /{url}/");
        await LoadedAsync();
    }

    /// <summary>
    /// Runs a wait; when it times out, fails with what the page shows and did meanwhile instead of Playwright's bare
    /// "Timeout 90000ms exceeded": its address (the page's own and Playwright's), whether it has loaded, its heading, error
    /// summary and alerts, what is busy, the requests still unanswered and the last ones answered, the refused answers
    /// and the script errors, and a screenshot (TestResults/screenshots/timeout-….png). A flaky wait explains itself.
    /// </summary>
    public async Task DiagnosedAsync(Func<Task> wait, string waitingFor)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waited for {waitingFor} in vain.\n{await DiagnosisAsync()}", timeout);
        }
    }

    /// <summary>What the page shows and did, as <see cref="DiagnosedAsync"/> reports it (every part bounded in time: the page may hang).</summary>
    public async Task<string> DiagnosisAsync()
    {
        var lines = new List<string> { $"Playwright's address: {Page.Url}" };
        lines.Add($"Playwright's load state: {await Bounded(async () => { await Page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1 }); return "load fired"; }, "no load event yet")}");
        lines.Add($"The page: {await Bounded(() => Page.EvaluateAsync<string>(ShownScript), "(not answering)")}");
        lines.Add("Requests still unanswered: " + Listed(exchanges.Pending()));
        lines.Add("Last requests: " + Listed(exchanges.Last(15)));
        lines.Add("Refused: " + Listed(refused));
        lines.Add("Errors: " + Listed(errors));
        var shot = Path.Combine(Screenshots.Diagnostics, $"timeout-{DateTime.UtcNow:HHmmss-fff}.png");
        lines.Add("Screenshot: " + await Bounded(async () =>
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true, Timeout = 10_000 });
            return shot;
        }, "(none: the page did not answer)"));
        return string.Join("\n", lines);
    }

    private static string Listed(IEnumerable<string> items) => string.Join("; ", items) is { Length: > 0 } listed ? listed : "none";

    private static async Task<string> Bounded(Func<Task<string>> ask, string otherwise)
    {
        try
        {
            var asked = ask();
            return await Task.WhenAny(asked, Task.Delay(10_000)) == asked ? await asked : otherwise;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return otherwise;
        }
    }

    /// <summary>What a person sees of the page's state, as JSON: address, readiness, heading, errors, alerts, busy controls, focus.</summary>
    private const string ShownScript = """
        () => JSON.stringify({
            url: location.href,
            readyState: document.readyState,
            geladen: document.body ? document.body.dataset.geladen ?? null : null,
            heading: document.querySelector('main h1')?.innerText ?? null,
            errorSummary: [...document.querySelectorAll('.sroi-error-summary')].map(e => e.innerText.trim()),
            alerts: [...document.querySelectorAll('.utrecht-alert, [role=alert]')].map(e => e.innerText.trim()).filter(t => t),
            fieldErrors: [...document.querySelectorAll('[id$="-fout"]')].map(e => e.id + ': ' + e.innerText.trim()),
            busy: [...document.querySelectorAll('[aria-busy=true]')].map(e => e.innerText.trim()),
            focus: document.activeElement ? document.activeElement.tagName + (document.activeElement.id ? '#' + document.activeElement.id : '') : null,
        })
        """;

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

/// <summary>
/// Every request of one page with its answer and how long it took, for <see cref="DashboardTab.DiagnosisAsync"/>: the
/// page's scripts, styles and images left out (they say nothing about a form).
/// </summary>
internal sealed class Exchanges
{
    private readonly Lock gate = new();
    private readonly List<Exchange> all = [];
    private readonly Dictionary<IRequest, Exchange> open = new(ReferenceEqualityComparer.Instance);

    public void Follow(IPage page)
    {
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "script" or "stylesheet" or "image" or "font") return;
            var exchange = new Exchange($"{request.Method} {Path(request.Url)}", Stopwatch.StartNew());
            lock (gate)
            {
                all.Add(exchange);
                open[request] = exchange;
            }
        };
        page.Response += (_, response) => Settle(response.Request, $"{response.Status}", finished: false);
        page.RequestFinished += (_, request) => Settle(request, null, finished: true);
        page.RequestFailed += (_, request) => Settle(request, $"failed: {request.Failure}", finished: true);
    }

    private void Settle(IRequest request, string? outcome, bool finished)
    {
        lock (gate)
        {
            if (!open.TryGetValue(request, out var exchange)) return;
            if (outcome is not null) exchange.Outcome = outcome;
            exchange.Took ??= exchange.Clock.Elapsed;
            if (finished) open.Remove(request);
        }
    }

    public IEnumerable<string> Pending()
    {
        lock (gate) return [.. open.Values.Select(e => $"{e.What} (for {e.Clock.Elapsed.TotalSeconds:0.0} s{(e.Outcome is null ? "" : $", {e.Outcome}, body unfinished")})")];
    }

    public IEnumerable<string> Last(int count)
    {
        lock (gate) return [.. all.Where(e => !open.Values.Contains(e)).TakeLast(count).Select(e => $"{e.What} → {e.Outcome} in {e.Took?.TotalMilliseconds:0} ms")];
    }

    private static string Path(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;

    private sealed class Exchange(string what, Stopwatch clock)
    {
        public string What { get; } = what;
        public Stopwatch Clock { get; } = clock;
        public string? Outcome { get; set; }
        public TimeSpan? Took { get; set; }
    }
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

    public static string Folder { get; } = Find(Environment.GetEnvironmentVariable(UpdateVariable) == "1");

    /// <summary>A timed-out wait's picture: always TestResults/screenshots, never among the README's.</summary>
    public static string Diagnostics { get; } = Find(update: false);

    private static string Find(bool update)
    {
        var into = update ? Path.Combine("docs", "screenshots") : Path.Combine("TestResults", "screenshots");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sroi.Ledger.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, into)).FullName;
        throw new InvalidOperationException($"No Sroi.Ledger.sln above {AppContext.BaseDirectory}: where do the screenshots go?");
    }
}
