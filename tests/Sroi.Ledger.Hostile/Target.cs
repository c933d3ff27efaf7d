using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Sroi.Ledger.Hostile;

/// <summary>One answer, with the events appended to mt_events while it was being answered.</summary>
internal sealed record Answer(int Status, string Body, long EventsWritten, long SeqBefore);

/// <summary>
/// The service under attack (on loopback) and its database. Requests go one at a time, so that the events appended
/// while one was answered (mt_events' highest seq_id before and after) are that request's: nothing else writes during
/// a run on a service of its own (scheduled checkpoints are off; on a shared service, other writers would be counted).
/// </summary>
internal sealed class Target : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly NpgsqlDataSource db;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan budget;
    private long lastSeq = -1;

    public Target(Uri baseAddress, string connectionString, string adminKey, TimeSpan budget)
    {
        if (!baseAddress.IsLoopback)
            throw new ArgumentException($"{baseAddress} is not a loopback address: the hostile run fires at loopback only.");
        // Header values as UTF-8: HttpClient would otherwise refuse to send a non-ASCII header that a hostile client can.
        var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
        db = NpgsqlDataSource.Create(connectionString);
        AdminKey = adminKey;
        this.budget = budget;
    }

    public string AdminKey { get; }

    /// <summary>The run's time budget is spent: each category stops sending (and the table says so).</summary>
    public bool OutOfTime => clock.Elapsed > budget;

    public TimeSpan Elapsed => clock.Elapsed;

    public int Sent { get; private set; }

    /// <summary>Sends a request as built, with <paramref name="key"/> as the bearer key (none when null).</summary>
    public async Task<Answer> SendAsync(string method, string url, string? key, byte[]? body, string? contentType = "application/json",
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (key is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);

        var before = lastSeq >= 0 ? lastSeq : await MaxSeqAsync();
        int status;
        string text;
        try
        {
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer at all (reset, timeout): counted with the 5xx, as a client would see a failure.
            status = 599;
            text = ex.GetType().Name + ": " + ex.Message;
        }
        var after = await MaxSeqAsync();
        lastSeq = after;
        Sent++;
        return new Answer(status, text, after - before, before);
    }

    public Task<Answer> SendJsonAsync(string method, string url, string? key, JsonNode? body, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync(method, url, key, body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", headers);

    /// <summary>Like <see cref="SendJsonAsync"/>, but a 2xx is expected (seeding): anything else stops the run.</summary>
    public async Task<JsonNode> MustAsync(string method, string url, string? key, JsonNode? body)
    {
        var answer = await SendJsonAsync(method, url, key, body);
        if (answer.Status is < 200 or >= 300)
            throw new InvalidOperationException($"Seeding {method} {url} answered {answer.Status}: {answer.Body}");
        return answer.Body.Length == 0 ? new JsonObject() : JsonNode.Parse(answer.Body)!;
    }

    public async Task<JsonNode> GetDocumentAsync(string url) =>
        JsonNode.Parse(await http.GetStringAsync(url.TrimStart('/')))!;

    public async Task<long> MaxSeqAsync()
    {
        await using var command = db.CreateCommand("SELECT coalesce(max(seq_id), 0) FROM mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> EventCountAsync()
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every text of the events after <paramref name="afterSeq"/>: stream id, data, headers, correlation and causation ids.</summary>
    public async Task<List<(long Seq, string StreamId, string Text)>> EventTextsAsync(long afterSeq)
    {
        await using var command = db.CreateCommand("""
            SELECT seq_id, stream_id::text,
                   concat_ws(' | ', stream_id::text, data::text, headers::text, correlation_id, causation_id, tenant_id)
            FROM mt_events WHERE seq_id > $1 ORDER BY seq_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        var rows = new List<(long, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>Issues a key through the API as the admin; its secret and its id.</summary>
    public async Task<(string Key, string Id)> IssueKeyAsync(string role, string? municipality, string? kvkNumber = null)
    {
        var issued = await MustAsync("POST", "/api/v1/api-keys", AdminKey,
            new JsonObject { ["role"] = role, ["municipality"] = municipality, ["kvkNumber"] = kvkNumber });
        return (issued["key"]!.GetValue<string>(), issued["id"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await db.DisposeAsync();
    }
}
