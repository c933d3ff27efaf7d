using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Fulfilments;
using Xunit.Abstractions;

namespace Sroi.Ledger.Api.Tests.Fuzzing;

/// <summary>
/// Thousands of malformed requests over every write operation the OpenAPI document lists, each sent with a key of a
/// role the operation admits and aimed at seeded resources, so that validation is what answers. None may be a 5xx,
/// every answer must be a 4xx in problem+json, and the event log must not grow. The figures are printed (run with
/// <c>--logger "console;verbosity=detailed"</c> to see them) for docs/reliability.md.
/// </summary>
[Collection(ApiCollection.Name)]
public class BadInputFuzzTests(LedgerApi api, ITestOutputHelper output)
{
    public const int Seed = 20261201;

    [Fact]
    public async Task No_malformed_request_to_any_write_operation_is_a_5xx_or_writes_anything()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        var report = await contract.ReportAsync(FulfilmentBodies.Employment());
        var candidate = await contract.Wsp.RegisterAsync();
        var placement = await contract.Wsp.PlaceAsync(candidate);
        var targets = new FuzzTargets(contract.Id, report["id"]!.GetValue<string>(), candidate, placement);
        var clients = new[] { contract.Wsp, contract.Inkoop, api.Admin(), contract.Contractor };

        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).JsonAsync();
        var operations = WriteOperation.From(document);
        operations.Count.Should().BeGreaterThanOrEqualTo(20, "the document lists every write operation");

        var random = new Random(Seed);
        var plan = new List<(FuzzRequest Request, HttpClient Client)>();
        foreach (var operation in operations)
        {
            var (client, baseStatus) = await AllowedClientAsync(operation, targets, clients);
            var (start, startStatus) = operation.WritesEvents && baseStatus == 400 ? await RepairedAsync(operation, targets, client) : (null, baseStatus);
            var requests = new Malformations(operation, targets, random, start).All();
            // 412: the starting body passed validation and the rules, so the malformations reach every check.
            output.WriteLine($"  {operation.OperationId}: {requests.Count} requests; starting body answered {startStatus}");
            plan.AddRange(requests.Select(r => (r, client)));
        }

        var eventsBefore = await EventCountAsync();
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var (request, client) in plan)
        {
            using var response = await client.SendAsync(request.ToMessage());
            var status = (int)response.StatusCode;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500 || status < 400)
                failures.Add($"{status} {request} → {Truncate(await response.Content.ReadAsStringAsync())}");
            else if (type != "application/problem+json")
                failures.Add($"{status} without problem+json ({type ?? "no content type"}): {request}");
        }
        clock.Stop();
        var eventsAfter = await EventCountAsync();

        output.WriteLine($"fuzz (seed {Seed}): {plan.Count} malformed requests over {operations.Count} write operations in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"netted with a stale If-Match: {plan.Count(p => p.Request.Netted)}");
        output.WriteLine("by status: " + string.Join(", ", byStatus.Select(s => $"{s.Key} ×{s.Value}")));
        output.WriteLine($"5xx: {byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)}; not problem+json or not 4xx: {failures.Count}; " +
            $"events before {eventsBefore}, after {eventsAfter}");

        failures.Should().BeEmpty("every malformed request is a 4xx problem (first ones: {0})", string.Join("\n", failures.Take(30)));
        plan.Count.Should().BeGreaterThanOrEqualTo(2_000);
        eventsAfter.Should().Be(eventsBefore, "no refused request writes an event");
    }

    /// <summary>
    /// The first key whose role the operation admits, found by sending the starting body with a stale If-Match (a ledger
    /// write is then refused after validation) or, for api-keys, an empty body (refused by validation); and its answer.
    /// </summary>
    private static async Task<(HttpClient Client, int Status)> AllowedClientAsync(WriteOperation operation, FuzzTargets targets, IEnumerable<HttpClient> clients)
    {
        var start = new Malformations(operation, targets, new Random(0)).Start();
        foreach (var client in clients)
        {
            var request = operation.WritesEvents ? start : start with { Body = "{}"u8.ToArray() };
            using var response = await client.SendAsync(request.ToMessage());
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)) return (client, (int)response.StatusCode);
        }
        throw new InvalidOperationException($"No seeded key may call {operation.OperationId}.");
    }

    /// <summary>
    /// A starting body generated from the schema can break a rule the schema does not state (a `sroi` with both a
    /// percentage and an exemption): the optional fields the 400 names are left out, a few times over, so that the
    /// malformations start from a body that passes validation where that can be found.
    /// </summary>
    private static async Task<(JsonObject? Body, int Status)> RepairedAsync(WriteOperation operation, FuzzTargets targets, HttpClient client)
    {
        var malformations = new Malformations(operation, targets, new Random(0));
        var body = malformations.StartingBody();
        var status = 400;
        for (var attempt = 0; attempt < 4 && status == 400; attempt++)
        {
            using var response = await client.SendAsync(new Malformations(operation, targets, new Random(0), body).Start().ToMessage());
            status = (int)response.StatusCode;
            if (status != 400) break;
            var named = (await response.JsonAsync())["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
            foreach (var field in named)
                body.Remove(field.Split('.', '[')[0]);
        }
        return (body, status);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Truncate(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
