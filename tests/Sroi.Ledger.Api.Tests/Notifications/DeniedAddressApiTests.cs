using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Webhooks;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>The service as Production runs it (<c>SROI_WEBHOOK_PRIVATE_NETWORKS=deny</c>), on a database of its own.</summary>
public sealed class DenyingApi : LedgerApi
{
    protected override void ConfigureHost(IWebHostBuilder host) => host.UseSetting(ReceiverAddresses.Setting, "deny");
}

/// <summary>
/// The tester's finding, through the API: with private networks denied, a subscription to this host's own name and port,
/// to its interface addresses or to a documentation address is a 400 naming <c>url</c>, for an admin too.
/// </summary>
public class DeniedAddressApiTests(DenyingApi api) : IClassFixture<DenyingApi>
{
    [Fact]
    public async Task A_subscription_to_this_host_by_name_or_by_any_of_its_addresses_is_refused()
    {
        var urls = new List<string> { $"http://{Dns.GetHostName()}:5080/", "http://localhost:5080/", "http://192.0.2.2:5080/", "http://[::ffff:192.0.2.2]/", "http://198.18.0.1/" };
        urls.AddRange(ReceiverAddresses.InterfaceAddresses().Select(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"http://[{new IPAddress(a.GetAddressBytes())}]:5080/" : $"http://{a}:5080/"));
        var wsp = await api.ClientAsync("wsp", "GM9431");
        foreach (var url in urls)
        {
            await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", Body(url))).ShouldNameFieldAsync("url");
            await (await api.Admin().PostJsonAsync("/api/v1/webhook-subscriptions", Body(url).With("municipality", "GM9431"))).ShouldNameFieldAsync("url");
        }
        (await (await wsp.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>().Should().Be(0);
    }

    private static JsonObject Body(string url) => new() { ["url"] = url, ["types"] = new JsonArray("fulfilment.reported") };
}
