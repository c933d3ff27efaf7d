namespace Sroi.Ledger.Hostile;

/// <summary>
/// Every operation of the OpenAPI document asked by someone who may not: no key, a wrong key, GM0518's keys for
/// GM0603's resources, each GM0603 role README does not admit, and a GM0603 WSP key naming <c>?municipality=GM0518</c>.
/// Writes carry a valid body (the malformed run's first starting body), so that only the access check can refuse them;
/// a ledger write also carries a stale If-Match, so that one that gets through is a 412 and still writes nothing (a leak
/// all the same). A leak: a 2xx (or that 412) where 401/403/404 is due; for a GM0518 list or report, which is rightly
/// answered 200, a 2xx whose body holds a GM0603 resource's id, reference or candidate number.
/// </summary>
internal static class AccessProbes
{
    public const string Category = "access probes";

    public static async Task RunAsync(Target target, World world, OpenApi api, Results results)
    {
        var wrongKey = "sroi_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        foreach (var operation in api.Operations)
        {
            if (target.OutOfTime) return;
            await ProbeAsync(target, world, operation, null, "no key", results);
            await ProbeAsync(target, world, operation, wrongKey, "wrong key", results);

            // GM0518's keys (the contractor with GM0603's contractor's KvK number) on GM0603's resources.
            foreach (var (role, key) in world.OtherKeys.Where(k => k.Key != "admin"))
                await ProbeAsync(target, world, operation, key, "another municipality's key", results, otherMunicipality: true, role: role);

            if (World.Allowed.TryGetValue(operation.OperationId, out var allowed))
                foreach (var (role, key) in world.OwnKeys.Where(k => !allowed.Contains(k.Key)))
                    await ProbeAsync(target, world, operation, key, "a role that may not", results, role: role);

            if (operation.Method == "GET" && World.ReadsWithMunicipality.Contains(operation.OperationId))
            {
                var query = World.QueryOf(operation.OperationId);
                var url = world.Url(operation) + (query.Length == 0 ? "?" : query + "&") + "municipality=" + World.Other;
                var answer = await target.SendAsync("GET", url, world.OwnKeys["wsp"], null);
                Count(results.Row(Category, "?municipality=GM0518 with a GM0603 WSP key"), answer, leak: Passed(answer.Status, false),
                    $"GET {url}");
            }
        }
    }

    private static async Task ProbeAsync(Target target, World world, Operation operation, string? key, string kind, Results results,
        bool otherMunicipality = false, string? role = null)
    {
        var body = operation.Method is "POST" or "PUT" && Bodies.StartingBodies(operation) is [var first, ..] ? JsonPaths.Bytes(first) : null;
        KeyValuePair<string, string>[] net = operation.LedgerWrite ? [new("If-Match", Malformed.StaleIfMatch)] : [];
        var url = world.Url(operation) + World.QueryOf(operation.OperationId);
        // A list or report read by GM0518 is rightly a 200: a leak only if it shows GM0603's resources. So is a building-block
        // table by id (README: any key). A write that names no GM0603 resource (no id, no "municipality": "GM0603" in its
        // body) is GM0518's own business: not a probe.
        var list = otherMunicipality && operation.Method == "GET" && (operation.PathParameters.Count == 0 || operation.OperationId == "getBuildingBlockTable");
        if (otherMunicipality && operation.IsWrite && operation.PathParameters.Count == 0
            && !(body is not null && System.Text.Encoding.UTF8.GetString(body).Contains($"\"municipality\":\"{World.Own}\"", StringComparison.Ordinal)))
            return;
        var answer = await target.SendAsync(operation.Method, url, key, body, body is null ? null : "application/json", net);
        var leak = list
            ? answer.Status is >= 200 and < 300 && world.OwnMarkers.Any(m => answer.Body.Contains(m, StringComparison.Ordinal))
            : Passed(answer.Status, operation.LedgerWrite);
        Count(results.Row(Category, kind), answer, leak, $"{(role is null ? "" : role + ": ")}{operation.Method} {url}");
    }

    /// <summary>Got through the access check: a 2xx, or the 412 of the stale If-Match on a ledger write.</summary>
    private static bool Passed(int status, bool ledgerWrite) => status is >= 200 and < 300 || (ledgerWrite && status == 412);

    private static void Count(Tally row, Answer answer, bool leak, string what) =>
        row.Count(answer.Status, leak, answer.EventsWritten, $"{what}{Malformed.Why(answer)}");
}
