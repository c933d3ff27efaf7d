using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Browser;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Audit;

/// <summary>What the audit pages' tests do in the signed-in browser: the API as that person (the session's cookie).</summary>
internal static class Browsing
{
    /// <summary>GET of the API in the tab, as the signed-in person: the person's own read marker and feed, not a key's.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> GetAsPersonAsync(this DashboardTab tab, string path) =>
        System.Text.Json.Nodes.JsonNode.Parse(await tab.Page.EvaluateAsync<string>(
            "async path => { const r = await fetch(path, { headers: { Accept: 'application/json' } }); if (!r.ok) throw new Error(path + ': ' + r.status); return await r.text(); }",
            path))!;

    /// <summary>A change through the API as the signed-in person, with the session's anti-forgery token; the answer's status.</summary>
    public static Task<int> PostAsPersonAsync(this DashboardTab tab, string path, string json) =>
        tab.Page.EvaluateAsync<int>("""
            async ([path, json]) => {
              const session = await (await fetch('/dashboard/sessie', { headers: { Accept: 'application/json' } })).json();
              const r = await fetch(path, { method: 'POST', body: json,
                headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': session.csrfToken } });
              return r.status;
            }
            """, new[] { path, json });

    public static async Task PhoneAsync(this DashboardTab tab) => await tab.Page.SetViewportSizeAsync(390, 844);

    /// <summary>Nothing wider than the phone: tables scroll inside their own box.</summary>
    public static Task<bool> FitsAsync(this DashboardTab tab) =>
        tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    public static ILocator Menu(this DashboardTab tab) => tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
}
