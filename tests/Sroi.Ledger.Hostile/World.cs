using System.Text.Json.Nodes;

namespace Sroi.Ledger.Hostile;

/// <summary>
/// What the run attacks, seeded through the API as a client would: keys of every role in GM0603 (Rijswijk) and in GM0518
/// (Den Haag), the GM0518 contractor with the same KvK number as GM0603's; in GM0603 a contract with a pending training
/// report, a candidate with a placement, a webhook subscription and a spare key (the id that revokes aim at).
/// </summary>
internal sealed class World
{
    public const string Own = "GM0603";
    public const string Other = "GM0518";
    public const string ContractorKvk = "12345678";

    // Before Allowed, which uses them: static fields are initialised in the order they are written.
    private static readonly string[] All = ["admin", "inkoop", "wsp", "opdrachtnemer", "auditor"];
    // An auditor subscribes to its municipality's audit signals (checkpoint.signed, checkpoint.refused) since issue 17.
    private static readonly string[] Subscribers = ["wsp", "opdrachtnemer", "auditor", "admin"];
    private static readonly string[] Readers = ["wsp", "auditor", "admin"];

    /// <summary>
    /// Who may call what, as README's API table says (the service keeps roles out of its OpenAPI document). An operation
    /// that is not listed (added after this run was written) is probed with no key and a wrong key only.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["issueApiKey"] = ["admin"], ["listApiKeys"] = ["admin"], ["revokeApiKey"] = ["admin"],
        ["listPeople"] = ["admin"], ["getPerson"] = ["admin"], ["erasePerson"] = ["admin"],
        ["rebuildProjections"] = ["admin"],
        ["listSroiPolicies"] = All, ["getSroiPolicyHistory"] = All, ["addSroiPolicyVersion"] = ["admin"],
        ["listBuildingBlockTables"] = All, ["getBuildingBlockTable"] = All, ["getBuildingBlockTableHistory"] = All,
        ["addBuildingBlockTable"] = ["admin", "wsp"],
        ["registerContract"] = ["inkoop"], ["amendContract"] = ["inkoop"], ["completeContract"] = ["inkoop"],
        ["listContracts"] = All, ["getContract"] = All, ["getContractBalance"] = All,
        ["reportFulfilment"] = ["opdrachtnemer", "wsp"], ["correctFulfilment"] = ["opdrachtnemer", "wsp"],
        ["withdrawFulfilment"] = ["opdrachtnemer", "wsp"],
        ["listFulfilments"] = All, ["getFulfilment"] = All,
        ["acceptFulfilment"] = ["wsp"], ["rejectFulfilment"] = ["wsp"],
        ["settleObligation"] = ["wsp"], ["getSettlement"] = All,
        ["getWorklist"] = ["wsp", "admin"],
        ["createWebhookSubscription"] = Subscribers, ["listWebhookSubscriptions"] = Subscribers,
        ["getWebhookSubscription"] = Subscribers, ["deleteWebhookSubscription"] = Subscribers,
        ["listWebhookDeliveries"] = Subscribers,
        ["listNotifications"] = All,
        ["getContractHistory"] = ["auditor", "admin", "inkoop", "wsp"],
        ["getCandidateHistory"] = ["wsp", "auditor", "admin"],
        ["registerCandidate"] = ["wsp"], ["getCandidate"] = ["wsp", "auditor", "admin"], ["listCandidates"] = ["wsp", "admin"],
        ["changeTrede"] = ["wsp"], ["endBenefit"] = ["wsp"], ["recordPlacement"] = ["wsp"],
        ["changeBenefitAct"] = ["wsp"], ["changeWspService"] = ["wsp"],
        ["getPlacement"] = ["wsp", "auditor", "admin"],
        ["endPlacement"] = ["wsp"], ["correctPlacement"] = ["wsp"], ["withdrawPlacement"] = ["wsp"],
        ["setAmbition"] = ["wsp", "admin"], ["getAmbitionHistory"] = ["wsp", "auditor", "admin"],
        ["verifyLedger"] = ["auditor", "admin"], ["makeCheckpoints"] = ["admin"], ["listCheckpoints"] = ["auditor", "admin"],
        ["getCheckpointPublicKey"] = ["auditor", "admin"],
        ["reportPlacements"] = Readers, ["reportSroiPlacements"] = Readers, ["reportTredeDistribution"] = Readers,
        ["reportTredeFlow"] = Readers, ["reportBenefitDuration"] = Readers, ["reportCaseload"] = Readers,
        ["correctPlacementEnd"] = ["wsp"], ["reportDurablePlacements"] = Readers,
    };

    /// <summary>The reads that take <c>?municipality=</c> on main (QueryParameters.OptionalMunicipality, MunicipalityScope, AuditScope).</summary>
    public static readonly IReadOnlySet<string> ReadsWithMunicipality = new HashSet<string>
    {
        "listContracts", "getWorklist", "listSroiPolicies", "getSroiPolicyHistory", "listBuildingBlockTables",
        "getBuildingBlockTableHistory", "getAmbitionHistory", "listNotifications", "listWebhookSubscriptions", "getCandidate",
        "getPlacement", "getCandidateHistory", "reportPlacements", "reportSroiPlacements", "reportTredeDistribution",
        "reportTredeFlow", "reportBenefitDuration", "reportCaseload", "verifyLedger", "listCheckpoints", "listApiKeys",
        "reportDurablePlacements", "listCandidates",
    };

    /// <summary>A query that a read needs to be answered at all (a report's year), so that its scope is what is probed.</summary>
    public static string QueryOf(string operationId) => operationId switch
    {
        "reportPlacements" or "reportSroiPlacements" or "reportTredeFlow" => "?year=2024",
        "reportDurablePlacements" => "?year=2024",
        "reportTredeDistribution" or "reportBenefitDuration" or "reportCaseload" => "?asOf=2024-12-31",
        _ => "",
    };

    public required IReadOnlyDictionary<string, string> OwnKeys { get; init; }
    public required IReadOnlyDictionary<string, string> OtherKeys { get; init; }
    public required string ContractId { get; init; }
    public required string Reference { get; init; }
    public required string FulfilmentId { get; init; }
    public required string CandidateNumber { get; init; }
    public required string PlacementId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string SpareKeyId { get; init; }

    /// <summary>Texts that only GM0603's seeded resources hold: a GM0518 key that reads one of them has read across municipalities.</summary>
    public IEnumerable<string> OwnMarkers => [ContractId, Reference, FulfilmentId, CandidateNumber, PlacementId, SubscriptionId];

    public static async Task<World> SeedAsync(Target target)
    {
        var tag = Letters(8);
        var own = new Dictionary<string, string> { ["admin"] = target.AdminKey };
        var other = new Dictionary<string, string> { ["admin"] = target.AdminKey };
        foreach (var role in new[] { "inkoop", "wsp", "auditor", "opdrachtnemer" })
        {
            var kvk = role == "opdrachtnemer" ? ContractorKvk : null;
            own[role] = (await target.IssueKeyAsync(role, Own, kvk)).Key;
            other[role] = (await target.IssueKeyAsync(role, Other, kvk)).Key;
        }
        var spare = await target.IssueKeyAsync("auditor", Own);

        var reference = "HOSTILE-" + tag;
        var contract = await target.MustAsync("POST", "/api/v1/contracts", own["inkoop"], Bodies.Contract(reference));
        var contractId = contract["id"]!.GetValue<string>();
        var report = await target.MustAsync("POST", $"/api/v1/contracts/{contractId}/fulfilments", own["opdrachtnemer"], Bodies.Training());
        var candidate = "K-" + tag;
        await target.MustAsync("POST", "/api/v1/candidates", own["wsp"], Bodies.Candidate(candidate));
        var placement = await target.MustAsync("POST", $"/api/v1/candidates/{candidate}/placements", own["wsp"], Bodies.Placement());
        // Not a reason to stop the run: a service that refuses the loopback receiver leaves the probes a subscription id that is not there.
        var subscribed = await target.SendJsonAsync("POST", "/api/v1/webhook-subscriptions", own["wsp"], Bodies.Subscription());
        var subscriptionId = subscribed.Status == 201 ? JsonNode.Parse(subscribed.Body)!["id"]!.GetValue<string>() : Guid.NewGuid().ToString();
        if (subscribed.Status != 201) Console.Error.WriteLine($"warning: the webhook subscription was not seeded ({subscribed.Status}): {subscribed.Body}");
        return new World
        {
            OwnKeys = own, OtherKeys = other, ContractId = contractId, Reference = reference,
            FulfilmentId = report["id"]!.GetValue<string>(), CandidateNumber = candidate,
            PlacementId = placement["id"]!.GetValue<string>(), SubscriptionId = subscriptionId,
            SpareKeyId = spare.Id,
        };
    }

    /// <summary>The operation's route with its parameters pointing at GM0603's seeded resources.</summary>
    public string Url(Operation operation, string? replaced = null, string? value = null)
    {
        var path = operation.Path;
        foreach (var parameter in operation.PathParameters)
            path = path.Replace("{" + parameter + "}", parameter == replaced ? value : Uri.EscapeDataString(Seeded(operation, parameter)));
        return path;
    }

    private string Seeded(Operation operation, string parameter) => parameter switch
    {
        "fid" => FulfilmentId,
        "candidateNumber" => CandidateNumber,
        "placementId" => PlacementId,
        "year" => "2024",
        "id" when operation.Path.StartsWith("/api/v1/api-keys", StringComparison.Ordinal) => SpareKeyId,
        "id" when operation.Path.StartsWith("/api/v1/webhook-subscriptions", StringComparison.Ordinal) => SubscriptionId,
        "id" when operation.Path.StartsWith("/api/v1/building-block-tables", StringComparison.Ordinal) => Own + "-bouwblokken-v1",
        _ => ContractId,
    };

    /// <summary>The GM0603 key the run uses for an operation: the first role listed for it (an admin last: it must name a municipality).</summary>
    public string? KeyFor(Operation operation) =>
        Allowed.TryGetValue(operation.OperationId, out var roles) ? OwnKeys[roles[0]] : null;

    public static string Letters(int length) =>
        new([.. Guid.NewGuid().ToString("N")[..length].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);
}
