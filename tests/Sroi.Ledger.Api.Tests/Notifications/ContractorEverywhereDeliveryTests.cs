using System.Net;
using System.Net.Http.Json;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// A contractor acting in every municipality (a key without a municipality) subscribes once: its notifications of every
/// municipality reach it, signed, and no other contractor's.
/// </summary>
[Collection(NotificationsCollection.Name)]
public class ContractorEverywhereDeliveryTests(NotificationsApi api)
{
    [Fact]
    public async Task One_subscription_receives_its_notifications_from_every_municipality_and_no_other_contractors()
    {
        const string first = "GM9421";
        const string second = "GM9422";
        var kvk = ContractBodies.UniqueKvk();
        var issued = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer", kvkNumber = kvk }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var everywhere = api.Client(issued["key"]!.GetValue<string>());
        var path = NotificationScenario.Path("everywhere");
        await NotificationScenario.SubscribeAsync(everywhere, api.Receiver, path, ["sroi-contract.registered"]);

        var start = new NodaTime.LocalDate(2027, 6, 1);
        var end = new NodaTime.LocalDate(2029, 5, 31);
        var inFirst = await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", first), kvk, start, end);
        var inSecond = await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", second), kvk, start, end);
        await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", first), ContractBodies.UniqueKvk(), start, end);
        await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", second), ContractBodies.UniqueKvk(), start, end);

        await api.Receiver.WaitForAsync(path, r => r.Count >= 2);
        await Task.Delay(1500); // another contractor's registration, or one sent twice, would have come by now
        var received = api.Receiver.On(path);
        received.Select(r => (r.Json["contractId"]!.GetValue<string>(), r.Json["municipality"]!.GetValue<string>()))
            .Should().BeEquivalentTo([(inFirst, first), (inSecond, second)]);
        received.Should().OnlyContain(r => r.SignatureValid);
    }
}
