using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>What the audit tests tamper with.</summary>
public static class AuditedContracts
{
    /// <summary>A contract with an SROI percentage of its own (no policy needed there), amended once: two events. Its stream's name.</summary>
    public static async Task<string> RegisteredAndAmendedAsync(LedgerApi api, string municipality)
    {
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var body = ContractBodies.Registration(200_000m).With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Beleid van de gemeente" });
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        return $"contract-{id}";
    }
}
