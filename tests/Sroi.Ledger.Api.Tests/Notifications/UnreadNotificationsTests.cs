using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The inbox's unread count: each reader's marker of how far it has read the feed (<c>PUT /notifications/read-marker</c>)
/// and the count of its own notifications after it (<c>GET /notifications/unread</c>). Each test in a municipality of its own.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class UnreadNotificationsTests(NotificationsApi api)
{
    /// <summary>A month ahead of the service's clock: nothing is due or behind yet, so registrations are the only notifications.</summary>
    private LocalDate StartsOn => api.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date.PlusDays(30);

    private static async Task<JsonNode> UnreadAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/notifications/unread")).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> MarkAsync(HttpClient client, string cursor) =>
        await (await client.PutJsonAsync("/api/v1/notifications/read-marker", new JsonObject { ["cursor"] = cursor })).ShouldBeAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Each_reader_counts_its_own_notifications_after_its_marker_and_the_marker_never_moves_back()
    {
        const string municipality = "GM9461";
        var kvk = ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var wsp = await api.ClientAsync("wsp", municipality);
        await NotificationScenario.RegisterAsync(inkoop, kvk, StartsOn, StartsOn.PlusYears(1));
        await NotificationScenario.RegisterAsync(inkoop, kvk, StartsOn, StartsOn.PlusYears(1));
        // The feed shows a notification once every older transaction has ended; the count is of what the feed shows.
        var all = await Eventually.UntilAsync(async () => await (await contractor.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK),
            page => page["items"]!.AsArray().Count == 2, "both registrations are in the contractor's feed", TimeSpan.FromSeconds(10));

        var before = await UnreadAsync(contractor);
        before["unread"]!.GetValue<long>().Should().Be(2);
        before["cursor"].Should().BeNull("nothing read yet");

        var first = await (await contractor.GetAsync("/api/v1/notifications?limit=1")).ShouldBeAsync(HttpStatusCode.OK);
        var marked = await MarkAsync(contractor, first["next"]!.GetValue<string>());
        marked["unread"]!.GetValue<long>().Should().Be(1);
        marked["cursor"]!.GetValue<string>().Should().Be(first["next"]!.GetValue<string>());
        (await UnreadAsync(contractor))["unread"]!.GetValue<long>().Should().Be(1);

        // An older cursor (another open page) leaves the marker where it is.
        (await MarkAsync(contractor, "0-0"))["unread"]!.GetValue<long>().Should().Be(1);
        (await MarkAsync(contractor, all["next"]!.GetValue<string>()))["unread"]!.GetValue<long>().Should().Be(0);
        (await MarkAsync(contractor, first["next"]!.GetValue<string>()))["cursor"]!.GetValue<string>().Should().Be(all["next"]!.GetValue<string>());

        // Another reader keeps its own marker; inkoop is sent no notifications at all.
        (await UnreadAsync(wsp))["unread"]!.GetValue<long>().Should().Be(2);
        (await UnreadAsync(inkoop))["unread"]!.GetValue<long>().Should().Be(0);

        // A new notification is unread again.
        await NotificationScenario.RegisterAsync(inkoop, kvk, StartsOn, StartsOn.PlusYears(1));
        await Eventually.UntilAsync(() => UnreadAsync(contractor), count => count["unread"]!.GetValue<long>() == 1,
            "the third registration is unread", TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("""{"cursor":"abc"}""")]
    [InlineData("""{"cursor":"12-"}""")]
    [InlineData("""{"cursor":"999999999-1"}""")]
    [InlineData("""{"cursor":""}""")]
    [InlineData("""{"cursor":7}""")]
    [InlineData("""{}""")]
    public async Task A_cursor_that_is_not_one_of_the_feeds_is_a_400_naming_it(string body)
    {
        var wsp = await api.ClientAsync("wsp", "GM9462");

        await (await wsp.PutJsonAsync("/api/v1/notifications/read-marker", JsonNode.Parse(body)!)).ShouldNameFieldAsync("cursor");
        (await UnreadAsync(wsp))["cursor"].Should().BeNull("nothing was marked");
    }

    [Fact]
    public async Task An_admin_counts_one_municipality_or_all_and_a_key_may_not_name_another()
    {
        const string municipality = "GM9463";
        var kvk = ContractBodies.UniqueKvk();
        await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", municipality), kvk, StartsOn, StartsOn.PlusYears(1));
        var wsp = await api.ClientAsync("wsp", municipality);
        await Eventually.UntilAsync(() => UnreadAsync(wsp), count => count["unread"]!.GetValue<long>() == 1, "the registration is in the WSP's feed",
            TimeSpan.FromSeconds(10));

        var admin = await (await api.Admin().GetAsync($"/api/v1/notifications/unread?municipality={municipality}")).ShouldBeAsync(HttpStatusCode.OK);
        admin["unread"]!.GetValue<long>().Should().Be(1, "the WSP's and the contractor's notification are one");
        await (await api.Admin().GetAsync("/api/v1/notifications/unread?municipality=GM96")).ShouldNameFieldAsync("municipality");
        await (await wsp.GetAsync("/api/v1/notifications/unread?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}
