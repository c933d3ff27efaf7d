using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>Valid request bodies and small recording steps; tests change one thing at a time.</summary>
public static class CandidateBodies
{
    private static int sequence;

    /// <summary>
    /// A fresh pseudonymous number: six digits and random letters, so its digits never form the nine that a BSN
    /// check looks at (CandidateNumber ignores letters and hyphens).
    /// </summary>
    public static string UniqueNumber() =>
        $"K-{Interlocked.Increment(ref sequence):D6}-{new string([.. Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))])}";

    public static JsonObject Registration(string? number = null, string registeredOn = "2020-01-06", int trede = 2,
        string targetGroup = "participatiewet", string? benefitSince = "2019-11-01", string municipality = "GM0603")
    {
        var body = new JsonObject
        {
            ["candidateNumber"] = number ?? UniqueNumber(),
            ["municipality"] = municipality,
            ["registeredOn"] = registeredOn,
            ["trede"] = trede,
            ["targetGroup"] = targetGroup,
        };
        if (benefitSince is not null) body["benefitSince"] = benefitSince;
        return body;
    }

    public static JsonObject Placement(string startedOn = "2021-03-01", decimal hours = 40, string kind = "regular", string channel = "wsp",
        string kvk = "87654321", string? sroiContractId = null, bool? fullTime = null)
    {
        var body = new JsonObject
        {
            ["employer"] = new JsonObject { ["kvkNumber"] = kvk, ["name"] = "Hoveniersbedrijf Groen B.V." },
            ["startedOn"] = startedOn,
            ["hoursPerWeek"] = hours,
            ["kind"] = kind,
            ["channel"] = channel,
        };
        if (sroiContractId is not null) body["sroiContractId"] = sroiContractId;
        if (fullTime is not null) body["fullTime"] = fullTime;
        return body;
    }

    public static JsonObject TredeChange(int trede, string effectiveOn, string reason = "Herbeoordeling") =>
        new() { ["trede"] = trede, ["effectiveOn"] = effectiveOn, ["reason"] = reason };

    public static JsonObject BenefitEnd(string effectiveOn, string reason = "work-income") =>
        new() { ["effectiveOn"] = effectiveOn, ["reason"] = reason };

    public static async Task<string> RegisterAsync(this HttpClient wsp, JsonObject? body = null)
    {
        body ??= Registration();
        await (await wsp.PostJsonAsync("/api/v1/candidates", body)).ShouldBeAsync(HttpStatusCode.Created);
        return body["candidateNumber"]!.GetValue<string>();
    }

    /// <summary>Records a placement and returns its id.</summary>
    public static async Task<string> PlaceAsync(this HttpClient wsp, string number, JsonObject? body = null) =>
        (await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements", body ?? Placement())).ShouldBeAsync(HttpStatusCode.Created))
            ["id"]!.GetValue<string>();

    /// <param name="ownPercentage">For a municipality without an SROI policy: the contract names its percentage itself.</param>
    public static async Task<string> ContractAsync(this HttpClient inkoop, string scope, bool ownPercentage = false)
    {
        var body = Contracts.ContractBodies.Registration().With("scope", scope);
        if (ownPercentage) body["sroi"] = new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" };
        return (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }
}
