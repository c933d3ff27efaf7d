using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

[Collection(ApiCollection.Name)]
public class AuditingContractTests(LedgerApi api)
{
    private async Task<string> RegisteredAndAmendedAsync()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m))).JsonAsync())["id"]!.GetValue<string>();
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task An_auditor_replays_the_history_and_sees_the_contract_as_known_on_a_moment()
    {
        var id = await RegisteredAndAmendedAsync();
        var auditor = await api.ClientAsync("auditor");

        var history = await (await auditor.GetAsync($"/api/v1/contracts/{id}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        events.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("contract.registered.v1", "contract.amended.v1");
        events[1]!["metadata"]!["reason"]!.GetValue<string>().Should().Be("meerwerk");
        history["chain"]!["intact"]!.GetValue<bool>().Should().BeTrue();
        history.Decimal("contract.contractValue").Should().Be(300_000m);

        var registeredAt = events[0]!["recordedAt"]!.GetValue<string>();
        var then = await (await auditor.GetAsync($"/api/v1/contracts/{id}/history?knownOn={registeredAt}")).ShouldBeAsync(HttpStatusCode.OK);
        then["events"]!.AsArray().Should().HaveCount(1);
        then.Decimal("contract.contractValue").Should().Be(200_000m);
        then.Decimal("contract.obligation.amount").Should().Be(10_000m);
        await (await auditor.GetAsync($"/api/v1/contracts/{id}/history?knownOn=yesterday")).ShouldNameFieldAsync("knownOn");
    }

    [Fact]
    public async Task A_tampered_event_breaks_the_chain_the_auditor_sees()
    {
        var id = await RegisteredAndAmendedAsync();
        await using (var tamper = api.DataSource.CreateCommand($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = jsonb_set(data, '{newValue}', '250000.00') WHERE stream_id = 'contract-{{id}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            """))
            await tamper.ExecuteNonQueryAsync();

        var history = await (await api.Admin().GetAsync($"/api/v1/contracts/{id}/history")).ShouldBeAsync(HttpStatusCode.OK);

        history["chain"]!["intact"]!.GetValue<bool>().Should().BeFalse();
        history["chain"]!["firstBrokenVersion"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task A_contractor_has_no_access_to_the_audit_trail()
    {
        var id = await RegisteredAndAmendedAsync();
        var contractor = await api.ClientAsync("opdrachtnemer", kvkNumber: "12345678");

        await (await contractor.GetAsync($"/api/v1/contracts/{id}/history")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}
