using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>The steps the notification tests take again and again: a receiver path of its own, a subscription to it, a contract.</summary>
internal static class NotificationScenario
{
    /// <summary>A path no other test uses, so what arrives there is this test's only.</summary>
    public static string Path(string name) => $"{name}-{Guid.NewGuid():N}";

    /// <summary>Subscribes the receiver's path and tells the receiver the secret; returns the subscription's id.</summary>
    public static async Task<string> SubscribeAsync(HttpClient client, WebhookReceiver receiver, string path, string[] types,
        string? municipality = null, string? kvk = null)
    {
        var body = new JsonObject { ["url"] = receiver.Url(path), ["types"] = new JsonArray([.. types.Select(t => JsonValue.Create(t))]) };
        if (municipality is not null) body["municipality"] = municipality;
        if (kvk is not null) body["kvkNumber"] = kvk;
        var created = await (await client.PostJsonAsync("/api/v1/webhook-subscriptions", body)).ShouldBeAsync(HttpStatusCode.Created);
        receiver.Secrets[path] = created["secret"]!.GetValue<string>();
        return created["id"]!.GetValue<string>();
    }

    /// <summary>Registers a contract of €200.000 owing 5% (set by procurement, so any test municipality will do).</summary>
    public static async Task<string> RegisterAsync(HttpClient inkoop, string kvk, LocalDate startsOn, LocalDate endsOn)
    {
        var body = ContractBodies.Registration(kvk: kvk, awardedOn: Iso(startsOn.PlusDays(-30)))
            .With("startsOn", Iso(startsOn)).With("endsOn", Iso(endsOn))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
        return (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    public static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", null);
}
