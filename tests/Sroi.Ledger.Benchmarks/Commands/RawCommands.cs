using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// The baseline of a command with plain Npgsql on comparable tables: read the stream's version, its document and its
/// last event's hash (one statement, one round trip); fold the new event into the document as JSON; then one
/// <see cref="NpgsqlBatch"/> (one round trip, one implicit transaction) with the stream row's version check (as
/// <see cref="RawNpgslAppender"/>: <c>INSERT</c> for a new stream, else <c>UPDATE … WHERE version = $n</c>, the unique
/// (tenant, stream, version) key as the second guard), the event row with a client-side SHA-256 over the previous hash
/// and the payload, and the document upserted as jsonb. A lost race is retried as the ledger retries it (the same
/// commands, the same random pause) or answered 409.
/// <para>
/// The events are the ledger's own: each type's payload is the latest event of that type the ledger stored during the
/// warm-up (<see cref="LoadTemplatesAsync"/>), with its ids made new per command, so the rows are the same size. The
/// document is the registration's payload with the amendments, reports or placements added as they come (an
/// acceptance changes its report; an ambition replaces its year), so it grows as the ledger's document grows; the
/// harness prints both sizes.
/// </para>
/// </summary>
internal sealed class RawCommands(NpgsqlDataSource db) : ICommandSide
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS bench_documents (
            tenant_id        varchar     NOT NULL,
            id               varchar     NOT NULL,
            data             jsonb       NOT NULL,
            mt_last_modified timestamptz DEFAULT transaction_timestamp(),
            mt_version       uuid        NOT NULL,
            mt_dotnet_type   varchar,
            PRIMARY KEY (tenant_id, id));
        """;

    private const string Tenant = "GM0603";
    private const int MaxAttempts = 100;
    private const string Actor = "bench:raw";

    private const string Registered = "contract.registered.v1";
    private const string Amended = "contract.amended.v1";
    private const string Reported = "contract.fulfilment-reported.v1";
    private const string Accepted = "contract.fulfilment-accepted.v1";
    private const string CandidateRegistered = "candidate.registered.v1";
    private const string PlacementRecorded = "candidate.placement-recorded.v1";
    private const string AmbitionSet = "ambition.set.v1";

    private static readonly string[] EventTypes = [Registered, Amended, Reported, Accepted, CandidateRegistered, PlacementRecorded, AmbitionSet];

    private readonly Dictionary<string, (JsonObject Data, string DotnetType)> templates = [];
    private long attempts;

    public string Name => "raw";

    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>The ledger's latest stored event of each type, as the payload this side writes.</summary>
    public async Task LoadTemplatesAsync()
    {
        await using var command = db.CreateCommand("""
            SELECT DISTINCT ON (type) type, data::text, mt_dotnet_type FROM mt_events WHERE type = ANY($1) ORDER BY type, seq_id DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = EventTypes });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            templates[reader.GetString(0)] = (JsonNode.Parse(reader.GetString(1))!.AsObject(), reader.GetString(2));
        if (EventTypes.FirstOrDefault(t => !templates.ContainsKey(t)) is { } missing)
            throw new InvalidOperationException($"The ledger stored no {missing} to copy.");
    }

    /// <summary>Each type's payload size in bytes, as the ledger stored it.</summary>
    public IEnumerable<(string Type, int Bytes)> TemplateSizes() => templates.Select(t => (t.Key, Encoding.UTF8.GetByteCount(t.Value.Data.ToJsonString())));

    public Task<Outcome> RunAsync(CommandKind kind, Target? target, int index) => kind switch
    {
        CommandKind.RegisterContract => RegisterContractAsync(Guid.CreateVersion7()),
        CommandKind.AmendContract => ExecuteAsync($"contract-{target!.Contract}", "contract", Amended, mustExist: true, retry: false, 200, (document, e) =>
        {
            var value = index % 2 == 0 ? 300_000m : 310_000m;
            e["previousValue"] = document!["state"]!["contractValue"]!.DeepClone();
            e["newValue"] = value;
            document["state"]!["contractValue"] = value;
            document["amendments"]!.AsArray().Add(e.DeepClone());
            return document;
        }),
        CommandKind.ReportFulfilment => ReportAsync(target!.Contract, Guid.CreateVersion7()),
        CommandKind.AcceptFulfilment => ExecuteAsync($"contract-{target!.Contract}", "contract", Accepted, mustExist: true, retry: false, 200, (document, e) =>
        {
            var id = target.Reports![index].ToString();
            e["fulfilmentId"] = id;
            var report = document!["fulfilments"]!.AsArray().Single(f => (string?)f!["fulfilmentId"] == id)!.AsObject();
            report["status"] = "accepted";
            report["reviewedOn"] = e["reviewedOn"]!.DeepClone();
            return document;
        }),
        CommandKind.RegisterCandidate => RegisterCandidateAsync(LedgerCommands.Bodies.CandidateNumber()),
        CommandKind.RecordPlacement => ExecuteAsync($"candidate-{Tenant}-{target!.Candidate}", "candidate", PlacementRecorded, mustExist: true, retry: true, 201,
            (document, e) =>
            {
                e["placementId"] = Guid.CreateVersion7().ToString();
                document!["placements"]!.AsArray().Add(e.DeepClone());
                return document;
            }),
        CommandKind.SetAmbition => ExecuteAsync($"ambition-{Tenant}", "ambition", AmbitionSet, mustExist: false, retry: true, 200, (document, e) =>
        {
            e["year"] = target!.Year;
            e["placements"] = 120 + index % 2;
            document ??= new JsonObject { ["id"] = $"ambition-{Tenant}", ["years"] = new JsonObject() };
            document["years"]![target.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new JsonObject { ["placements"] = e["placements"]!.DeepClone(), ["sroiPlacements"] = e["sroiPlacements"]?.DeepClone() };
            return document;
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task<Target?> CreateTargetAsync(CommandKind kind, int writer, int commands)
    {
        switch (kind)
        {
            case CommandKind.AmendContract or CommandKind.ReportFulfilment:
                return new Target(Contract: await NewContractAsync());
            case CommandKind.AcceptFulfilment:
                var contract = await NewContractAsync();
                var reports = new List<Guid>(commands);
                for (var i = 0; i < commands; i++)
                {
                    var id = Guid.CreateVersion7();
                    Required(await ReportAsync(contract, id), 201);
                    reports.Add(id);
                }
                return new Target(Contract: contract, Reports: reports);
            case CommandKind.RecordPlacement:
                var number = LedgerCommands.Bodies.CandidateNumber();
                Required(await RegisterCandidateAsync(number), 201);
                return new Target(Candidate: number);
            case CommandKind.SetAmbition:
                return new Target(Year: LedgerCommands.Bodies.AmbitionYear(writer));
            default:
                return null;
        }
    }

    private async Task<Guid> NewContractAsync()
    {
        var id = Guid.CreateVersion7();
        Required(await RegisterContractAsync(id), 201);
        return id;
    }

    private Task<Outcome> RegisterContractAsync(Guid id) =>
        ExecuteAsync($"contract-{id}", "contract", Registered, mustExist: false, retry: false, 201, (document, e) =>
        {
            if (document is not null) return null;
            e["contractId"] = id.ToString();
            e["reference"] = BenchReferences.OfId(id);
            return new JsonObject
            {
                ["id"] = $"contract-{id}", ["state"] = e.DeepClone(), ["amendments"] = new JsonArray(), ["fulfilments"] = new JsonArray(),
            };
        });

    private Task<Outcome> ReportAsync(Guid contract, Guid report) =>
        ExecuteAsync($"contract-{contract}", "contract", Reported, mustExist: true, retry: true, 201, (document, e) =>
        {
            e["fulfilmentId"] = report.ToString();
            var entry = e.DeepClone().AsObject();
            entry["status"] = "pending";
            document!["fulfilments"]!.AsArray().Add(entry);
            return document;
        });

    private Task<Outcome> RegisterCandidateAsync(string number) =>
        ExecuteAsync($"candidate-{Tenant}-{number}", "candidate", CandidateRegistered, mustExist: false, retry: true, 201, (document, e) =>
        {
            if (document is not null) return null;
            e["candidateNumber"] = number;
            return new JsonObject { ["id"] = $"candidate-{Tenant}-{number}", ["state"] = e.DeepClone(), ["placements"] = new JsonArray() };
        });

    /// <param name="fold">The document (null: a new stream) and a fresh copy of the event → the new document; null refuses (422).</param>
    private async Task<Outcome> ExecuteAsync(string stream, string streamType, string eventType, bool mustExist, bool retry, int success,
        Func<JsonObject?, JsonObject, JsonObject?> fold)
    {
        var (template, dotnetType) = templates[eventType];
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await db.OpenConnectionAsync();
            long version = 0;
            string? documentText = null;
            byte[] previousHash = [];
            await using (var read = new NpgsqlCommand("""
                SELECT s.version, d.data::text, e.hash
                FROM bench_streams s
                LEFT JOIN bench_documents d ON d.tenant_id = s.tenant_id AND d.id = s.id
                LEFT JOIN bench_events e ON e.tenant_id = s.tenant_id AND e.stream_id = s.id AND e.version = s.version
                WHERE s.tenant_id = $1 AND s.id = $2
                """, connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = Tenant });
                read.Parameters.Add(new NpgsqlParameter { Value = stream });
                await using var reader = await read.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    version = reader.GetInt64(0);
                    documentText = reader.IsDBNull(1) ? null : reader.GetString(1);
                    previousHash = reader.IsDBNull(2) ? [] : reader.GetFieldValue<byte[]>(2);
                }
            }
            if (mustExist && documentText is null) return new Outcome(404);

            var @event = template.DeepClone().AsObject();
            var document = fold(documentText is null ? null : JsonNode.Parse(documentText)!.AsObject(), @event);
            if (document is null) return new Outcome(422);
            document["streamVersion"] = version + 1;
            var (data, documentJson) = (@event.ToJsonString(), document.ToJsonString());
            var hash = SHA256.HashData([.. previousHash, .. Encoding.UTF8.GetBytes(data)]);

            await using var batch = new NpgsqlBatch(connection);
            var streamCommand = version == 0
                ? new NpgsqlBatchCommand("INSERT INTO bench_streams (id, tenant_id, type, version) VALUES ($1, $2, $3, 1)")
                : new NpgsqlBatchCommand("UPDATE bench_streams SET version = version + 1, timestamp = now() WHERE id = $1 AND tenant_id = $2 AND version = $3");
            streamCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
            streamCommand.Parameters.Add(new NpgsqlParameter { Value = Tenant });
            streamCommand.Parameters.Add(new NpgsqlParameter { Value = version == 0 ? streamType : version });
            batch.BatchCommands.Add(streamCommand);

            var eventCommand = new NpgsqlBatchCommand("""
                INSERT INTO bench_events (id, stream_id, version, data, type, tenant_id, mt_dotnet_type, correlation_id, user_name, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """);
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = version + 1 });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = eventType });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = Tenant });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = dotnetType });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString("N") });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = Actor });
            eventCommand.Parameters.Add(new NpgsqlParameter { Value = hash });
            batch.BatchCommands.Add(eventCommand);

            var documentCommand = new NpgsqlBatchCommand("""
                INSERT INTO bench_documents (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified) VALUES ($1, $2, $3, $4, $5, transaction_timestamp())
                ON CONFLICT (tenant_id, id) DO UPDATE
                SET data = excluded.data, mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified
                """);
            documentCommand.Parameters.Add(new NpgsqlParameter { Value = Tenant });
            documentCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
            documentCommand.Parameters.Add(new NpgsqlParameter { Value = documentJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            documentCommand.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            documentCommand.Parameters.Add(new NpgsqlParameter { Value = streamType });
            batch.BatchCommands.Add(documentCommand);

            Interlocked.Increment(ref attempts);
            try
            {
                var affected = await batch.ExecuteNonQueryAsync();
                if (affected != 3) throw new InvalidOperationException($"Stream {stream} was not at version {version} ({affected} rows).");
                return new Outcome(success);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Another writer got there first: the stream's key (a new stream) or its next version is taken.
                if (!retry || attempt >= MaxAttempts) return new Outcome(409);
                await Task.Delay(Random.Shared.Next(1, Math.Min(5 * attempt, 50)));
            }
        }
    }

    private static Outcome Required(Outcome outcome, int status) => outcome.Status == status
        ? outcome
        : throw new InvalidOperationException($"Preparing the raw baseline: expected {status}, got {outcome.Status}.");
}
