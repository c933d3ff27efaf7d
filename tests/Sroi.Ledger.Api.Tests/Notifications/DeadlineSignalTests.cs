using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The time-driven signals: due at once when a contract is registered late, and — with the injected clock set a moment
/// before a deadline — fired by the contract's scheduled check when the day comes, once, to its own audience only.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class DeadlineSignalTests(NotificationsApi api) : IDisposable
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public void Dispose() => api.Clock.Reset();

    [Fact]
    public async Task A_contract_registered_after_its_end_with_a_shortfall_is_overdue_due_for_settlement_and_due_a_report()
    {
        const string municipality = "GM9421";
        var kvk = ContractBodies.UniqueKvk();
        var today = Today();
        var wspPath = Path("wsp");
        var contractorPath = Path("contractor");
        var elsewhere = Path("elsewhere");
        await SubscribeAsync(api.Admin(), wspPath, ["contract.overdue", "settlement.due", "contract.behind"], municipality);
        await SubscribeAsync(api.Admin(), contractorPath, ["contract.overdue", "report.due"], municipality, kvk);
        await SubscribeAsync(api.Admin(), elsewhere, ["contract.overdue", "settlement.due"], "GM9422");

        var contract = await RegisterAsync(municipality, kvk, today.PlusDays(-700), today.PlusDays(-200));
        var wsp = await api.Receiver.WaitForAsync(wspPath, r => r.Count >= 2);
        var contractor = await api.Receiver.WaitForAsync(contractorPath, r => r.Count >= 2);
        // A later change runs the check again: what was raised is not raised twice.
        await (await (await api.ClientAsync("inkoop", municipality)).PostJsonAsync($"/api/v1/contracts/{contract}/amendments",
            new JsonObject { ["contractValue"] = 210_000, ["effectiveOn"] = Iso(today.PlusDays(-300)), ["reason"] = "Meerwerk" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await Task.Delay(2500);
        wsp = api.Receiver.On(wspPath);
        contractor = api.Receiver.On(contractorPath);

        Types(wsp).Should().BeEquivalentTo("contract.overdue", "settlement.due");
        Types(contractor).Should().BeEquivalentTo("contract.overdue", "report.due");
        wsp.Concat(contractor).Should().OnlyContain(r => r.SignatureValid && r.Json["contractId"]!.GetValue<string>() == contract);
        var settlement = wsp.Single(r => Type(r) == "settlement.due").Json["data"]!;
        settlement["since"]!.GetValue<string>().Should().Be(Iso(today.PlusDays(-200).PlusMonths(3).PlusDays(1)));
        settlement.Decimal("remaining").Should().Be(10_000m);
        wsp.Single(r => Type(r) == "contract.overdue").Json["data"]!["since"]!.GetValue<string>().Should().Be(Iso(today.PlusDays(-199)));
        var report = contractor.Single(r => Type(r) == "report.due").Json["data"]!;
        report["intervalEnd"]!.GetValue<string>().Should().Be(Iso(today.PlusDays(-200)), "the last interval ends with the contract");
        report["reportingIntervalMonths"]!.GetValue<int>().Should().Be(6);
        api.Receiver.On(elsewhere).Should().BeEmpty();
    }

    [Fact]
    public async Task A_contract_falls_behind_when_its_scheduled_check_comes_and_it_is_signalled_once()
    {
        const string municipality = "GM9423";
        var kvk = ContractBodies.UniqueKvk();
        // Starts on the 10th: with nothing accepted it is behind from the 11th. The clock says 3 seconds before the 11th.
        var startsOn = new LocalDate(2027, 5, 10);
        api.Clock.Set(startsOn.PlusDays(1).AtStartOfDayInZone(Amsterdam).ToInstant() - Duration.FromSeconds(3));
        var path = Path("both");
        var contractorPath = Path("contractor");
        await SubscribeAsync(api.Admin(), path, ["contract.behind"], municipality);
        await SubscribeAsync(api.Admin(), contractorPath, ["contract.behind"], municipality, kvk);

        var contract = await RegisterAsync(municipality, kvk, startsOn, startsOn.PlusYears(2));
        var balance = await (await (await api.ClientAsync("wsp", municipality)).GetAsync($"/api/v1/contracts/{contract}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        balance["status"]!.GetValue<string>().Should().Be("on-track", "it is still the 10th");
        api.Receiver.On(path).Should().BeEmpty();

        var received = await api.Receiver.WaitForAsync(path, r => r.Count >= 1, TimeSpan.FromSeconds(20));
        await api.Receiver.WaitForAsync(contractorPath, r => r.Count >= 1, TimeSpan.FromSeconds(20));
        await Task.Delay(2500);
        api.Receiver.On(path).Should().ContainSingle();
        api.Receiver.On(contractorPath).Should().ContainSingle();
        var data = received[0].Json["data"]!;
        data["since"]!.GetValue<string>().Should().Be("2027-05-11");
        received[0].Json["type"]!.GetValue<string>().Should().Be("contract.behind");
        received[0].Json["contractId"]!.GetValue<string>().Should().Be(contract);
    }

    [Fact]
    public async Task A_command_that_puts_a_contract_behind_signals_it_at_once_and_catching_up_ends_the_episode()
    {
        const string municipality = "GM9425";
        var kvk = ContractBodies.UniqueKvk();
        var today = Today();
        var path = Path("behind");
        await SubscribeAsync(api.Admin(), path, ["contract.behind"], municipality);
        var wsp = await api.ClientAsync("wsp", municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        // Ten days into a 366-day term with nothing accepted: behind from the start.
        var startsOn = today.PlusDays(-10);
        var contract = await RegisterAsync(municipality, kvk, startsOn, startsOn.PlusDays(365));
        await api.Receiver.WaitForAsync(path, r => r.Count >= 1);

        // €1.250 of €10.000 accepted covers 45 days: on track again.
        var report = (await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments",
            Fulfilments.FulfilmentBodies.Training(1_250m).With("date", Iso(today)))).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments/{report}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        // Meerwerk: ten times the value, ten times the obligation; what is accepted now covers four days.
        await (await (await api.ClientAsync("inkoop", municipality)).PostJsonAsync($"/api/v1/contracts/{contract}/amendments",
            new JsonObject { ["contractValue"] = 2_000_000, ["effectiveOn"] = Iso(today), ["reason"] = "Meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);

        var received = await api.Receiver.WaitForAsync(path, r => r.Count >= 2);
        await Task.Delay(2500);
        received = api.Receiver.On(path);
        received.Select(r => r.Json["data"]!["since"]!.GetValue<string>()).Order(StringComparer.Ordinal).Should()
            .Equal(Iso(startsOn.PlusDays(1)), Iso(startsOn.PlusDays(5)));
        received.Single(r => r.Json["data"]!["since"]!.GetValue<string>() == Iso(startsOn.PlusDays(5))).Json["data"]!.Decimal("obligation")
            .Should().Be(100_000m);
    }

    [Fact]
    public async Task A_contract_behind_all_along_is_not_announced_again_when_its_next_scheduled_check_comes()
    {
        const string municipality = "GM9426";
        // Six-month reporting intervals from 1 March 2027: the first is reached on 1 September. The clock says 3 s before.
        var startsOn = new LocalDate(2027, 3, 1);
        var endsOn = new LocalDate(2029, 2, 28);
        api.Clock.Set(new LocalDate(2027, 9, 1).AtStartOfDayInZone(Amsterdam).ToInstant() - Duration.FromSeconds(3));
        var behindPath = Path("behind-all-along");
        var remindedPath = Path("reminded");
        var kvk = ContractBodies.UniqueKvk();
        var otherKvk = ContractBodies.UniqueKvk();
        await SubscribeAsync(api.Admin(), behindPath, ["contract.behind"], municipality);
        await SubscribeAsync(api.Admin(), remindedPath, ["report.due"], municipality, otherKvk);
        var wsp = await api.ClientAsync("wsp", municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var contract = await RegisterAsync(municipality, kvk, startsOn, endsOn);
        // Another contract without any report: its reminder at midnight shows that the scheduled checks ran.
        await RegisterAsync(municipality, otherKvk, startsOn, endsOn);
        await api.Receiver.WaitForAsync(behindPath, r => r.Count(x => x.Json["contractId"]!.GetValue<string>() == contract) >= 1);

        // €1.250 of €10.000 accepted covers 91 of 731 days: behind from 1 June instead of 2 March, so still behind.
        var report = (await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments",
            Fulfilments.FulfilmentBodies.Training(1_250m).With("date", "2027-08-30"))).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contract}/fulfilments/{report}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        var balance = await (await wsp.GetAsync($"/api/v1/contracts/{contract}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        balance["status"]!.GetValue<string>().Should().Be("behind");

        await api.Receiver.WaitForAsync(remindedPath, r => r.Count >= 1, TimeSpan.FromSeconds(20));
        await Task.Delay(2500);
        api.Receiver.On(behindPath).Where(r => r.Json["contractId"]!.GetValue<string>() == contract)
            .Should().ContainSingle("it has been behind since 2 March without a break").Which.Json["data"]!["since"]!.GetValue<string>()
            .Should().Be("2027-03-02");
    }

    [Fact]
    public async Task The_first_start_after_the_upgrade_checks_every_open_contract_once_and_nothing_is_raised_twice()
    {
        const string municipality = "GM9424";
        var path = Path("upgrade");
        await SubscribeAsync(api.Admin(), path, ["contract.overdue"], municipality);
        var today = Today();
        await RegisterAsync(municipality, ContractBodies.UniqueKvk(), today.PlusDays(-400), today.PlusDays(-20));
        await api.Receiver.WaitForAsync(path, r => r.Count >= 1);
        long open;
        await using (var count = api.DataSource.CreateCommand("SELECT count(*) FROM mt_doc_contract WHERE fixed_status IS NULL"))
            open = (long)(await count.ExecuteScalarAsync())!;
        // As if this database came from before notifications: no mark yet.
        await using (var unmark = api.DataSource.CreateCommand("DELETE FROM sroi_monitoring_armed"))
            await unmark.ExecuteNonQueryAsync();

        var arming = api.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Sroi.Ledger.Api.Notifications.MonitoringArming>().Single();
        await arming.StartedAsync(CancellationToken.None);
        await arming.StartedAsync(CancellationToken.None);

        await using (var mark = api.DataSource.CreateCommand("SELECT contracts FROM sroi_monitoring_armed"))
            ((int)(await mark.ExecuteScalarAsync())!).Should().Be((int)open, "every contract whose status depends on the date got a check, once");
        await Task.Delay(2500);
        api.Receiver.On(path).Should().ContainSingle("the contract's overdue signal was raised already and is not raised again");
    }

    private static string Type(Testing.WebhookReceiver.Received r) => r.Json["type"]!.GetValue<string>();

    private static IEnumerable<string> Types(IEnumerable<Testing.WebhookReceiver.Received> received) => received.Select(Type);

    private LocalDate Today() => api.Clock.GetCurrentInstant().InZone(Amsterdam).Date;

    private static string Iso(LocalDate date) => NotificationScenario.Iso(date);

    private static string Path(string name) => NotificationScenario.Path(name);

    private Task SubscribeAsync(HttpClient client, string path, string[] types, string municipality, string? kvk = null) =>
        NotificationScenario.SubscribeAsync(client, api.Receiver, path, types, municipality, kvk);

    private async Task<string> RegisterAsync(string municipality, string kvk, LocalDate startsOn, LocalDate endsOn) =>
        await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", municipality), kvk, startsOn, endsOn);
}
