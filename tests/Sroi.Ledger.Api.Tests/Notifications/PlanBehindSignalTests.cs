using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// <c>plan.behind</c>: with the injected clock set a moment before the day after a plan line's period, the contract's
/// scheduled check finds the line below plan and signals it, once, to the WSP and to the contractor.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class PlanBehindSignalTests(NotificationsApi api) : IDisposable
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public void Dispose() => api.Clock.Reset();

    [Fact]
    public async Task A_plan_line_that_ends_below_plan_is_signalled_the_day_after_once_to_the_wsp_and_the_contractor()
    {
        const string municipality = "GM9471";
        var kvk = ContractBodies.UniqueKvk();
        // The first line ends on 30 June 2027; the clock says 3 seconds before 1 July.
        api.Clock.Set(new LocalDate(2027, 7, 1).AtStartOfDayInZone(Amsterdam).ToInstant() - Duration.FromSeconds(3));
        var wspPath = NotificationScenario.Path("plan-wsp");
        var contractorPath = NotificationScenario.Path("plan-contractor");
        await NotificationScenario.SubscribeAsync(api.Admin(), api.Receiver, wspPath, ["plan.behind"], municipality);
        await NotificationScenario.SubscribeAsync(api.Admin(), api.Receiver, contractorPath, ["plan.behind"], municipality, kvk);
        var wsp = await api.ClientAsync("wsp", municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var contract = await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", municipality), kvk,
            new LocalDate(2027, 1, 1), new LocalDate(2028, 12, 31));
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);

        var report = (await (await contractor.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments",
            Fulfilments.FulfilmentBodies.Training(1_250m).With("date", "2027-03-01"))).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments/{report}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        await (await contractor.PutJsonAsync($"/api/v1/contracts/{contract}/plan", new JsonObject
        {
            ["lines"] = new JsonArray(
                new JsonObject { ["kind"] = "training", ["from"] = "2027-01-01", ["to"] = "2027-06-30", ["amount"] = 5_000 },
                new JsonObject { ["kind"] = "training", ["from"] = "2027-07-01", ["to"] = "2028-12-31", ["amount"] = 5_000 }),
        })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        api.Receiver.On(wspPath).Should().BeEmpty("the line's period has not ended yet");

        var received = await api.Receiver.WaitForAsync(wspPath, r => r.Count >= 1, TimeSpan.FromSeconds(20));
        await api.Receiver.WaitForAsync(contractorPath, r => r.Count >= 1, TimeSpan.FromSeconds(20));
        await Task.Delay(2500);
        api.Receiver.On(wspPath).Should().ContainSingle();
        api.Receiver.On(contractorPath).Should().ContainSingle();
        received[0].Json["type"]!.GetValue<string>().Should().Be("plan.behind");
        received[0].Json["contractId"]!.GetValue<string>().Should().Be(contract);
        var data = received[0].Json["data"]!;
        (data["kind"]!.GetValue<string>(), data["from"]!.GetValue<string>(), data["to"]!.GetValue<string>(), data["since"]!.GetValue<string>())
            .Should().Be(("training", "2027-01-01", "2027-06-30", "2027-07-01"));
        (data.Decimal("planned"), data.Decimal("realised"), data["unit"]!.GetValue<string>()).Should().Be((5_000m, 1_250m, "euros"));
        data["planRevision"]!.GetValue<int>().Should().Be(1);
    }
}
