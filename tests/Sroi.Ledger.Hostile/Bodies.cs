using System.Text.Json.Nodes;

namespace Sroi.Ledger.Hostile;

/// <summary>
/// Valid bodies: the seeds, and the starting bodies that the malformed requests break one thing at a time. An operation
/// the document gives examples for starts from each of them (a fulfilment report of every kind); one without examples
/// from the body below; an operation added later, from none (its requests then show as 4xx only: see the run's notes).
/// </summary>
internal static class Bodies
{
    public static JsonObject Contract(string reference) => new()
    {
        ["reference"] = reference,
        ["title"] = "Herinrichting Haagweg",
        ["category"] = "werken",
        ["contractValue"] = 200_000,
        ["contractor"] = new JsonObject { ["kvkNumber"] = World.ContractorKvk, ["name"] = "Bouwbedrijf De Vliet B.V." },
        ["awardedOn"] = "2024-03-01",
        ["startsOn"] = "2024-04-01",
        ["endsOn"] = "2025-03-31",
        ["scope"] = "regional",
    };

    public static JsonObject Training() => new() { ["kind"] = "training", ["description"] = "VCA-opleiding voor twee medewerkers", ["cost"] = 1250 };

    public static JsonObject Candidate(string number) => new()
    {
        ["candidateNumber"] = number, ["municipality"] = World.Own, ["registeredOn"] = "2020-01-06", ["trede"] = 2,
        ["targetGroup"] = "participatiewet", ["benefitSince"] = "2019-11-01",
    };

    public static JsonObject Placement() => new()
    {
        ["employer"] = new JsonObject { ["kvkNumber"] = "87654321", ["name"] = "Hoveniersbedrijf Groen B.V." },
        ["startedOn"] = "2021-03-01", ["hoursPerWeek"] = 32, ["kind"] = "regular", ["channel"] = "wsp",
    };

    /// <summary>To the discard port on loopback: the run starts its service with SROI_WEBHOOK_PRIVATE_NETWORKS=allow.</summary>
    public static JsonObject Subscription() => new() { ["url"] = "http://127.0.0.1:9/hostile", ["types"] = new JsonArray("fulfilment.reported") };

    /// <summary>The starting bodies of an operation: its documented examples, else the one below, else none.</summary>
    public static IReadOnlyList<JsonObject> StartingBodies(Operation operation)
    {
        if (operation.Examples.Count > 0) return [.. operation.Examples.Select(e => e.DeepClone().AsObject())];
        return For(operation.OperationId) is { } body ? [body] : [];
    }

    private static JsonObject? For(string operationId) => operationId switch
    {
        "issueApiKey" => new() { ["role"] = "auditor", ["municipality"] = World.Own, ["description"] = "hostile run" },
        "setAmbition" => new() { ["municipality"] = World.Own, ["placements"] = 40, ["sroiPlacements"] = 10 },
        "addBuildingBlockTable" => new()
        {
            ["municipality"] = World.Own,
            ["effectiveFrom"] = "2026-01-01",
            ["name"] = "Haaglanden 2026",
            ["hoursPerFullTimeWeek"] = 36,
            ["blocks"] = new JsonArray(
                new JsonObject { ["code"] = "participatiewet", ["valuePerYear"] = 30_000, ["capMonths"] = 24 },
                new JsonObject { ["code"] = "work-experience", ["valuePerYear"] = 9_000, ["capMonths"] = 12 }),
            ["bonuses"] = new JsonObject { ["age55Plus"] = 15_000, ["workLimitation"] = 20_000, ["hiredAfterVsoInternship"] = 10_000 },
            ["socialProcurementShares"] = new JsonArray(new JsonObject { ["recognition"] = "code-sociale-ondernemingen", ["percentage"] = 100 }),
            ["socialActivityPerHour"] = 100,
        },
        "addSroiPolicyVersion" => new()
        {
            ["municipality"] = World.Own, ["effectiveFrom"] = "2026-01-01", ["percentage"] = 5, ["description"] = "Beleid 2026",
            ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
            ["reportingIntervalMonths"] = 6, ["repairPeriodMonths"] = 3,
        },
        "changeTrede" => new() { ["trede"] = 3, ["effectiveOn"] = "2021-06-01", ["reason"] = "Herbeoordeling" },
        "endBenefit" => new() { ["effectiveOn"] = "2022-02-01", ["reason"] = "work-income" },
        "changeBenefitAct" => new() { ["benefitAct"] = "ioaw", ["effectiveOn"] = "2021-06-01" },
        "changeWspService" => new() { ["served"] = false, ["effectiveOn"] = "2021-06-01" },
        "registerCandidate" => Candidate("K-" + World.Letters(10)),
        "registerContract" => Contract("HOSTILE-" + World.Letters(10)),
        "amendContract" => new() { ["contractValue"] = 250_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "Meerwerk fase 2" },
        "completeContract" => new() { ["completedOn"] = "2025-03-31" },
        "acceptFulfilment" => new() { ["note"] = "Bewijs gezien" },
        "rejectFulfilment" => new() { ["reason"] = "Geen bewijs aangeleverd" },
        "withdrawFulfilment" => new() { ["reason"] = "Dubbel ingediend" },
        "createWebhookSubscription" => Subscription(),
        "correctPlacement" => new() { ["hoursPerWeek"] = 24, ["reason"] = "Uren gecorrigeerd" },
        "endPlacement" => new() { ["endedOn"] = "2022-03-01", ["reason"] = "Contract afgelopen" },
        "recordPlacement" => Placement(),
        "withdrawPlacement" => new() { ["reason"] = "Per vergissing vastgelegd" },
        "correctPlacementEnd" => new() { ["endedOn"] = "2022-04-01", ["reason"] = "Einddatum gecorrigeerd" },
        _ => null,
    };
}
