using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Reliability.Tests;

/// <summary>One answer a writer got; <see cref="Status"/> 0 when none came (connection refused or reset).
/// <see cref="Replayed"/>: the answer of an earlier attempt with the same Idempotency-Key, which was recorded though its
/// client never heard.</summary>
public sealed record Answer(string Key, TimeSpan SentAt, TimeSpan AnsweredAt, int Status, bool RetryAfter, string? ContentType, string Detail,
    bool Replayed = false)
{
    /// <summary>The 503 a client may retry: problem+json with Retry-After.</summary>
    public bool IsRetryable503 => Status == 503 && RetryAfter && ContentType == "application/problem+json";
}

/// <summary>A write answered with 2xx: <see cref="Url"/> must show <see cref="Field"/> (a dotted path) = <see cref="Value"/> afterwards.</summary>
public sealed record Acknowledged(string Key, string Kind, TimeSpan AnsweredAt, string Url, string Field, string Value);

/// <summary>
/// Concurrent writers, as careful clients: each registers contracts (procurement) and reports fulfilment on one
/// contract (its contractor), every write with an Idempotency-Key, and sends the same write with the same key again
/// after a 503 or no answer until it is acknowledged; any other answer is recorded and that write given up. Every
/// answer is kept with the time it was sent and came, so a test can say what clients got while the database (or the
/// service) was away.
/// </summary>
public sealed class WriteLoad
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Answer> answers = new();
    private readonly ConcurrentQueue<Acknowledged> acknowledged = new();
    private readonly ConcurrentQueue<string> givenUp = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient procurement;
    private readonly HttpClient contractor;
    private readonly string contractId;
    private readonly string run = Letters(Random.Shared.Next(1_000_000, int.MaxValue));
    private Task[] writers = [];

    private WriteLoad(HttpClient procurement, HttpClient contractor, string contractId)
    {
        this.procurement = procurement;
        this.contractor = contractor;
        this.contractId = contractId;
    }

    public TimeSpan Now => clock.Elapsed;

    public IReadOnlyList<Answer> Answers => [.. answers];

    public IReadOnlyList<Acknowledged> Acknowledgements => [.. acknowledged];

    /// <summary>Writes that got an answer other than 2xx, 503 or none (each one a failure of the service).</summary>
    public IReadOnlyList<string> GivenUp => [.. givenUp];

    /// <summary>A client with procurement's key.</summary>
    public HttpClient ProcurementClient => procurement;

    /// <summary>The contract the reports go to.</summary>
    public string ContractId => contractId;

    /// <summary>
    /// Issues the writers' keys (procurement of GM0603, the contractor of one contract) and registers that contract, with
    /// <paramref name="client"/> (a client of the service that sends the key it is given), then starts the writers.
    /// </summary>
    public static async Task<WriteLoad> StartAsync(Func<string, HttpClient> client, int writers)
    {
        var admin = client(ServiceLogin.AdminKey);
        var procurement = client(await IssueKeyAsync(admin, "inkoop", null));
        const string kvk = "87654321";
        using var registered = await procurement.PostAsync("/api/v1/contracts", new StringContent(new JsonObject
        {
            ["reference"] = "HOT-1", ["title"] = "Onderhoud groen", ["category"] = "diensten", ["contractValue"] = 500_000,
            ["contractor"] = new JsonObject { ["kvkNumber"] = kvk, ["name"] = "Groen B.V." },
            ["awardedOn"] = "2024-03-01", ["startsOn"] = "2024-04-01", ["endsOn"] = "2025-03-31", ["scope"] = "regional",
        }.ToJsonString(), Encoding.UTF8, "application/json"));
        var contract = JsonNode.Parse(await registered.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var contractor = client(await IssueKeyAsync(admin, "opdrachtnemer", kvk));
        return Start(procurement, contractor, contract, writers);
    }

    private static async Task<string> IssueKeyAsync(HttpClient admin, string role, string? kvk)
    {
        using var issued = await admin.PostAsync("/api/v1/api-keys", new StringContent(
            new JsonObject { ["role"] = role, ["municipality"] = "GM0603", ["kvkNumber"] = kvk }.ToJsonString(), Encoding.UTF8, "application/json"));
        return JsonNode.Parse(await issued.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }

    private static WriteLoad Start(HttpClient procurement, HttpClient contractor, string contractId, int writers)
    {
        var load = new WriteLoad(procurement, contractor, contractId);
        load.writers = [.. Enumerable.Range(0, writers).Select(w => Task.Run(() => load.WriteAsync(w)))];
        return load;
    }

    /// <summary>Waits until <paramref name="count"/> writes sent after <paramref name="since"/> were acknowledged.</summary>
    public async Task<TimeSpan> AcknowledgedAsync(int count, TimeSpan since, TimeSpan timeout)
    {
        var deadline = clock.Elapsed + timeout;
        while (acknowledged.Count(a => a.AnsweredAt > since) < count)
        {
            if (clock.Elapsed > deadline)
                throw new TimeoutException($"Fewer than {count} writes were acknowledged within {timeout} after {since}; " +
                    $"last answers: {string.Join("; ", answers.TakeLast(5).Select(a => $"{a.Status} {a.Detail}"))}");
            await Task.Delay(20);
        }
        return acknowledged.Where(a => a.AnsweredAt > since).Min(a => a.AnsweredAt);
    }

    /// <summary>Stops the writers; each first finishes the write it is retrying, so every key ends acknowledged.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(90));
    }

    private async Task WriteAsync(int writer)
    {
        for (var n = 0; !stopping.IsCancellationRequested; n++)
        {
            // Letters only: a run of digits in a key, reference or candidate number could pass the BSN screen's elfproef.
            var key = $"{run}-w{Letters(writer)}-{Letters(n)}";
            await UntilAcknowledgedAsync(n % 2 == 0 ? Contract(key) : Report(key, writer, n));
        }
    }

    private sealed record Write(string Key, string Kind, HttpClient Client, string Url, JsonObject Body, Func<JsonNode, Acknowledged> Acknowledge);

    private Write Contract(string key)
    {
        var reference = $"R-{key}";
        var body = new JsonObject
        {
            ["reference"] = reference, ["title"] = "Herinrichting Haagweg", ["category"] = "werken", ["contractValue"] = 200_000,
            ["contractor"] = new JsonObject { ["kvkNumber"] = "12345678", ["name"] = "Bouwbedrijf De Vliet B.V." },
            ["awardedOn"] = "2024-03-01", ["startsOn"] = "2024-04-01", ["endsOn"] = "2025-03-31", ["scope"] = "regional",
        };
        return new Write(key, "contract", procurement, "/api/v1/contracts", body,
            answer => new Acknowledged(key, "contract", Now, $"/api/v1/contracts/{answer["id"]}", "reference", reference));
    }

    /// <summary>A number in letters (base 26, a–z).</summary>
    private static string Letters(int number)
    {
        var letters = new StringBuilder();
        do
        {
            letters.Insert(0, (char)('a' + number % 26));
            number /= 26;
        }
        while (number > 0);
        return letters.ToString();
    }

    private Write Report(string key, int writer, int n)
    {
        // A candidate number of its own per report, so no report meets another's cap or period.
        var candidate = $"K{run}{Letters(writer)}X{Letters(n)}";
        var body = new JsonObject
        {
            ["kind"] = "employment", ["candidateNumber"] = candidate, ["targetGroup"] = "participatiewet", ["hoursPerWeek"] = 36,
            ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-04-30", ["age55Plus"] = false, ["workLimitation"] = false,
        };
        return new Write(key, "report", contractor, $"/api/v1/contracts/{contractId}/fulfilments", body,
            answer => new Acknowledged(key, "report", Now, $"/api/v1/contracts/{contractId}/fulfilments/{answer["id"]}", "report.candidateNumber", candidate));
    }

    private async Task UntilAcknowledgedAsync(Write write)
    {
        var giveUpAt = TimeSpan.MaxValue;
        while (true)
        {
            var sent = Now;
            var (status, retryAfter, contentType, text, replayed) = await SendAsync(write);
            answers.Enqueue(new Answer(write.Key, sent, Now, status, retryAfter, contentType, text.Length > 300 ? text[..300] : text, replayed));
            if (status is >= 200 and < 300)
            {
                acknowledged.Enqueue(write.Acknowledge(JsonNode.Parse(text)!));
                return;
            }
            if (status is not (503 or 0))
            {
                givenUp.Enqueue($"{write.Kind} {write.Key}: {status} {text}");
                return;
            }
            if (stopping.IsCancellationRequested && giveUpAt == TimeSpan.MaxValue) giveUpAt = Now + TimeSpan.FromSeconds(60);
            if (Now > giveUpAt)
            {
                givenUp.Enqueue($"{write.Kind} {write.Key}: still {status} a minute after the load stopped");
                return;
            }
            await Task.Delay(50);
        }
    }

    private static async Task<(int Status, bool RetryAfter, string? ContentType, string Text, bool Replayed)> SendAsync(Write write)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, write.Url)
        {
            Content = new StringContent(write.Body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", write.Key);
        try
        {
            using var response = await write.Client.SendAsync(request);
            return ((int)response.StatusCode, response.Headers.RetryAfter is not null,
                response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(),
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // Every inner exception named: "An error occurred while sending the request" alone does not say whether the
            // connection was refused, reset, or closed by the proxy under the request.
            var causes = new List<string>();
            for (Exception? cause = e; cause is not null; cause = cause.InnerException) causes.Add($"{cause.GetType().Name}: {cause.Message}");
            return (0, false, null, string.Join(" <- ", causes), false);
        }
    }

    /// <summary>Reads every acknowledged write back; the ones that are missing or show another value.</summary>
    public async Task<IReadOnlyList<string>> LostAsync(HttpClient reader)
    {
        var lost = new List<string>();
        foreach (var write in acknowledged)
        {
            using var response = await reader.GetAsync(write.Url);
            var text = await response.Content.ReadAsStringAsync();
            var value = response.IsSuccessStatusCode
                ? write.Field.Split('.').Aggregate(JsonNode.Parse(text), (node, name) => node?[name])?.GetValue<string>()
                : null;
            if (value != write.Value)
                lost.Add($"{write.Kind} {write.Key} at {write.Url}: {(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}");
        }
        return lost;
    }
}
