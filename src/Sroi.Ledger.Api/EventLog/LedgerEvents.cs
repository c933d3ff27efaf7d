using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// The ledger's use of Marten's event store: append one stream's events with their read-model statements in one
/// transaction, read a stream as stored (with its chain hashes), and a stream's version. Every call names the
/// municipality (Marten's tenant): a stream of another municipality is simply not there.
/// </summary>
public sealed class LedgerEvents(IDocumentStore store, NpgsqlDataSource db)
{
    /// <summary>The store the ledger appends through: the start-up's version check computes Marten's DDL from its options.</summary>
    public IDocumentStore DocumentStore => store;

    private const string SelectColumns = $"{EventColumns}, h.hash";

    private const string EventColumns = """
        e.seq_id, e.id, e.tenant_id, e.stream_id, e.version, e.type, e.data::text, e.user_name, e.correlation_id,
        e.causation_id, e.headers::text, e.timestamp
        """;

    /// <summary>
    /// Appends the events at the expected version and runs the statements in the same transaction. A stream that
    /// moved on (or already exists, for version 0) is a <see cref="StreamConflictException"/>; a statement's
    /// refusal surfaces as its <see cref="PostgresException"/>.
    /// </summary>
    public async Task AppendAsync(AppendRequest request, CancellationToken ct = default)
    {
        if (request.Events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(request));

        await using var session = OpenSession(request.Tenant, request.Metadata);
        foreach (var statement in request.SameTransaction)
            session.QueueOperation(new QueuedStatement(statement));
        var stream = request.StreamId.Value;
        if (request.ExpectedVersion == 0)
            session.Events.StartStream(stream, request.Events);
        else
            // Marten's expected version is the stream's version after the append.
            session.Events.Append(stream, request.ExpectedVersion + request.Events.Count, request.Events);
        await SaveAsync(session, request.Tenant, request.StreamId, request.ExpectedVersion, ct);
    }

    /// <summary>A session of the municipality's tenant whose events will carry <paramref name="metadata"/>.</summary>
    public IDocumentSession OpenSession(Domain.Shared.MunicipalityCode tenant, EventMetadata metadata)
    {
        var session = store.LightweightSession(tenant.Value);
        session.LastModifiedBy = metadata.Actor;
        session.CorrelationId = metadata.CorrelationId;
        session.CausationId = metadata.CausationId;
        if (metadata.Reason is { } reason) session.SetHeader(EventMetadata.ReasonHeader, reason);
        if (metadata.IdempotencyKey is { } key) session.SetHeader(EventMetadata.IdempotencyKeyHeader, EventMetadata.RecordedIdempotencyKey(key));
        if (metadata.ActorRole is { } role) session.SetHeader(EventMetadata.ActorRoleHeader, role);
        if (metadata.ActorOrganisation is { } organisation) session.SetHeader(EventMetadata.ActorOrganisationHeader, organisation);
        return session;
    }

    /// <summary>
    /// Commits the session: its events, the documents its inline projections fold, and the queued statements, in one
    /// transaction. A stream that moved on since <paramref name="expectedVersion"/> (or exists already, for 0) is a
    /// <see cref="StreamConflictException"/>; a statement's refusal surfaces as its <see cref="PostgresException"/>; a broken
    /// connection as a <see cref="Database.CommitOutcomeUnknownException"/>.
    /// </summary>
    public async Task SaveAsync(IDocumentSession session, Domain.Shared.MunicipalityCode tenant, StreamId stream, long expectedVersion, CancellationToken ct)
    {
        try
        {
            // A connection that breaks during the commit leaves its outcome unknown: that is said, never guessed.
            await Database.DatabaseFailure.CommitAsync(() => session.SaveChangesAsync(ct));
        }
        catch (Exception e) when (e is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException or EventStreamUnexpectedMaxEventIdException)
        {
            throw new StreamConflictException(stream, expectedVersion, await StreamVersionAsync(tenant, stream, ct), e);
        }
        // A unique index of a document that an inline projection writes (a contract's reference) refuses with Marten's
        // DocumentAlreadyExistsException; a queued statement's refusal comes as a MartenCommandException.
        catch (Exception e) when ((e is MartenCommandException or DocumentAlreadyExistsException) && e.InnerException is PostgresException refusal)
        {
            if (refusal.SqlState == PostgresErrorCodes.UniqueViolation && refusal.TableName == "mt_events")
                throw new StreamConflictException(stream, expectedVersion, await StreamVersionAsync(tenant, stream, ct), e);
            throw refusal;
        }
    }

    /// <summary>One stream in order; optionally only what was recorded by a moment.</summary>
    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        Domain.Shared.MunicipalityCode tenant, StreamId streamId, Instant? recordedUpTo = null, CancellationToken ct = default) =>
        ReadStreamAsync(null, tenant, streamId, recordedUpTo, ct);

    /// <summary>The same, inside the caller's transaction when one is given (a verification's snapshot).</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(NpgsqlTransaction? within,
        Domain.Shared.MunicipalityCode tenant, StreamId streamId, Instant? recordedUpTo = null, CancellationToken ct = default)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in StreamEventsAsync(within, tenant, streamId, recordedUpTo, ct))
            events.Add(e);
        return events;
    }

    /// <summary>
    /// A stream's first <paramref name="count"/> events (fewer when it is shorter), in order: what was recorded when it
    /// began (a registration), read without the rest of a stream that may by now hold hundreds of events.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamStartAsync(Domain.Shared.MunicipalityCode tenant, StreamId streamId, int count,
        CancellationToken ct = default)
    {
        await using var command = db.CreateCommand($"""
            SELECT {SelectColumns}
            FROM mt_events e
            LEFT JOIN sroi_event_hashes h ON h.tenant_id = e.tenant_id AND h.stream_id = e.stream_id AND h.version = e.version
            WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.version <= $3
            ORDER BY e.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)count });
        var events = new List<RecordedEvent>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(EventOf(reader));
        return events;
    }

    /// <summary>
    /// One stream in order, or every stream of the municipality (<paramref name="streamId"/> null: by stream, then
    /// version), row by row as PostgreSQL sends them: nothing is held but the row being read, so an export of a million
    /// events leaves memory flat.
    /// </summary>
    public IAsyncEnumerable<RecordedEvent> StreamEventsAsync(NpgsqlTransaction? within,
        Domain.Shared.MunicipalityCode tenant, StreamId? streamId, Instant? recordedUpTo = null, CancellationToken ct = default) =>
        EventsAsync(within?.Connection, within, tenant, streamId, recordedUpTo, ct);

    /// <summary>Every stream of the municipality, on a connection whose transaction a Marten session opened (a checkpoint's snapshot).</summary>
    public IAsyncEnumerable<RecordedEvent> StreamEventsAsync(NpgsqlConnection within, Domain.Shared.MunicipalityCode tenant, CancellationToken ct = default) =>
        EventsAsync(within, null, tenant, null, null, ct);

    private async IAsyncEnumerable<RecordedEvent> EventsAsync(NpgsqlConnection? connection, NpgsqlTransaction? within,
        Domain.Shared.MunicipalityCode tenant, StreamId? streamId, Instant? recordedUpTo,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var sql = $"""
            SELECT {SelectColumns}
            FROM mt_events e
            LEFT JOIN sroi_event_hashes h ON h.tenant_id = e.tenant_id AND h.stream_id = e.stream_id AND h.version = e.version
            WHERE e.tenant_id = $1 {(streamId is null ? "" : "AND e.stream_id = $2")}
              {(recordedUpTo is null ? "" : $"AND e.timestamp <= ${(streamId is null ? 2 : 3)}")}
            ORDER BY {(streamId is null ? "e.stream_id, " : "")}e.version
            """;
        await using var command = connection is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, connection, within);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
        if (streamId is { } one)
            command.Parameters.Add(new NpgsqlParameter { Value = one.Value });
        if (recordedUpTo is { } upTo)
            command.Parameters.Add(new NpgsqlParameter { Value = upTo });
        // No timeout: a whole municipality's export takes as long as its reader (a file, a slow client) reads.
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return EventOf(reader);
    }

    /// <summary>
    /// Every event of the municipality (of every tenant when null) in one ordered read, stream after stream, each stream's in
    /// version order, row by row as PostgreSQL sends them, inside the caller's transaction (a verification's snapshot): one
    /// merge of the event table and its chain hashes along their (tenant, stream, version) keys, not a query per slice of
    /// streams (issue 23). Streams come grouped, in no order the caller may rely on beyond that.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadEveryStreamAsync(NpgsqlTransaction within, string? tenant,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        // PostgreSQL 15 misjudges this join's size (millions of rows for each event) and picks a nested loop that looks up
        // each event's hash by index (118,532 events: 3.7 s, 481,588 buffers) over the merge of the two primary keys it is
        // (0.8 s, 29,664 buffers), and compiles it by JIT. Both are switched off for the rest of this read-only snapshot.
        await using (var plan = new NpgsqlCommand("SET LOCAL enable_nestloop = off; SET LOCAL jit = off", within.Connection, within))
            await plan.ExecuteNonQueryAsync(ct);
        await using var command = new NpgsqlCommand($"""
            SELECT {SelectColumns}
            FROM mt_events e
            LEFT JOIN sroi_event_hashes h ON h.tenant_id = e.tenant_id AND h.stream_id = e.stream_id AND h.version = e.version
            WHERE ($1::varchar IS NULL OR e.tenant_id = $1)
            ORDER BY e.tenant_id, e.stream_id, e.version
            """, within.Connection, within) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(ct);
        // The headers' fields (reason, idempotency key, role, organisation) are not parsed here: what verifies an event (its
        // chain, its fold) reads the headers' text and the metadata columns only, and a JSON parse of every event's headers
        // was a share of the verification's CPU (issue 23). Metadata's header fields are null in these events.
        while (await reader.ReadAsync(ct))
            yield return EventOf(reader, headerFields: false);
    }

    /// <summary>
    /// The events of <paramref name="streams"/> (streams of municipality <paramref name="tenant"/>), stream after stream in
    /// the order of their keys, each in version order, by one statement on <paramref name="within"/>, in the transaction open
    /// on it: a rebuild's batch under its streams' locks (issue 23; Marten's LINQ over its raw events parsed the same query
    /// again for every batch, a fifteenth of the rebuild's CPU in this process). Without the chain's hashes (a rebuild folds;
    /// it does not verify) and without parsing the headers, as a verification reads them.
    /// </summary>
    public static async Task<List<RecordedEvent>> ReadStreamsAsync(NpgsqlConnection within, string tenant, string[] streams, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {EventColumns}, NULL::bytea
            FROM mt_events e
            WHERE e.tenant_id = $1 AND e.stream_id = ANY ($2)
            ORDER BY e.stream_id, e.version
            """, within);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = streams });
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(EventOf(reader, headerFields: false));
        return events;
    }

    /// <summary>One row of <see cref="SelectColumns"/>; without <paramref name="headerFields"/>, the metadata's header fields left null (the headers' text is kept).</summary>
    private static RecordedEvent EventOf(NpgsqlDataReader reader, bool headerFields = true)
    {
        var headers = reader.IsDBNull(10) ? null : reader.GetString(10);
        return new RecordedEvent(
            Sequence: reader.GetInt64(0),
            EventId: reader.GetGuid(1),
            Tenant: reader.GetString(2),
            StreamId: new StreamId(reader.GetString(3)),
            StreamVersion: reader.GetInt64(4),
            EventType: reader.GetString(5),
            Data: reader.GetString(6),
            Metadata: MetadataOf(reader, headerFields ? headers : null),
            HeadersJson: headers,
            RecordedAt: reader.GetFieldValue<Instant>(11),
            Hash: reader.IsDBNull(12) ? null : reader.GetFieldValue<byte[]>(12));
    }

    private static EventMetadata MetadataOf(NpgsqlDataReader reader, string? headersJson)
    {
        string? reason = null, idempotencyKey = null, actorRole = null, actorOrganisation = null;
        if (headersJson is not null)
        {
            // One parse for every header; Marten writes SQL NULL or the JSON null when a session set none.
            using var headers = System.Text.Json.JsonDocument.Parse(headersJson);
            if (headers.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                reason = Text(headers.RootElement, EventMetadata.ReasonHeader);
                idempotencyKey = Text(headers.RootElement, EventMetadata.IdempotencyKeyHeader);
                actorRole = Text(headers.RootElement, EventMetadata.ActorRoleHeader);
                actorOrganisation = Text(headers.RootElement, EventMetadata.ActorOrganisationHeader);
            }
        }
        return new EventMetadata(
            reader.IsDBNull(7) ? "" : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reason,
            idempotencyKey,
            actorRole,
            actorOrganisation);

        static string? Text(System.Text.Json.JsonElement headers, string name) =>
            headers.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>How many events the municipality's streams hold (an export's progress bar).</summary>
    public async Task<long> EventCountAsync(Domain.Shared.MunicipalityCode tenant, CancellationToken ct = default)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The stream's current version, or 0 when it does not exist in that municipality.</summary>
    public async Task<long> StreamVersionAsync(Domain.Shared.MunicipalityCode tenant, StreamId streamId, CancellationToken ct = default)
    {
        await using var session = store.QuerySession(tenant.Value);
        return await session.Events.FetchStreamStateAsync(streamId.Value, ct) is { } state ? state.Version : 0;
    }
}
