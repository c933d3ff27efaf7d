using System.Text.Json;
using Microsoft.Playwright;

namespace Sroi.Ledger.Dashboard.Tests.Accessibility;

/// <summary>
/// axe-core (npm, copied in by frontend/copy-assets.mjs) in every page: added to the browser context as an init script,
/// so it is there before the page's own scripts, whatever the page's Content-Security-Policy says.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Axe).Assembly.GetManifestResourceStream("axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded: run `npm ci && npm run build` in frontend/.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>WCAG 2.0 and 2.1, levels A and AA: the rules axe tags so.</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static Task InjectAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>Each violation as "rule (impact): help — the elements and why", empty when the page passes.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            @"async tags => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary).join('; ')}`))",
            Tags);
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}
