using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// The <c>people</c> table (Schema/061_people.sql): who a pseudonymous actor is, for the histories. Outside the event log:
/// erasing a person sets the name and e-mail address to NULL and leaves every event as it was.
/// </summary>
public sealed class PeopleDirectory(NpgsqlDataSource db)
{
    private const string Columns = "actor, display_name, email, role, organisation, first_seen, last_seen, erased_at";

    /// <summary>
    /// Records what a sign-in's claims say. A person erased stays erased for the rest of the sign-in they were erased
    /// during; a later sign-in (<paramref name="signedInAt"/> after the erasure) is the person using the system again, and
    /// their name comes back: the directory exists to say who acted. Without a sign-in time the erasure holds.
    /// </summary>
    public async Task UpsertAsync(string actor, string? name, string? email, string? role, string? organisation,
        Instant seenAt, Instant? signedInAt, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO people (actor, display_name, email, role, organisation, first_seen, last_seen)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            ON CONFLICT (actor) DO UPDATE SET
                role = EXCLUDED.role,
                organisation = EXCLUDED.organisation,
                last_seen = greatest(people.last_seen, EXCLUDED.last_seen),
                display_name = CASE WHEN people.erased_at IS NULL OR $7 > people.erased_at THEN EXCLUDED.display_name END,
                email = CASE WHEN people.erased_at IS NULL OR $7 > people.erased_at THEN EXCLUDED.email END,
                erased_at = CASE WHEN people.erased_at IS NULL OR $7 > people.erased_at THEN NULL ELSE people.erased_at END
            """);
        command.CommandTimeout = 5;
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)role ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)organisation ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = seenAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)signedInAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The directory's entries for the persons among <paramref name="actors"/>: one query, none when there is no person.</summary>
    public async Task<IReadOnlyDictionary<string, Person>> FindAsync(IEnumerable<string> actors, CancellationToken ct)
    {
        var persons = actors.Where(ActorDisplay.IsPerson).Distinct().ToArray();
        if (persons.Length == 0) return new Dictionary<string, Person>();
        await using var command = db.CreateCommand($"SELECT {Columns} FROM people WHERE actor = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = persons });
        return await ReadAsync(command, ct);
    }

    /// <summary>
    /// The entries of every person who acted in the stream (or, <paramref name="stream"/> null, in any of the
    /// municipality's streams): one query for a whole CSV export, which is read row by row.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Person>> ForStreamAsync(MunicipalityCode municipality, StreamId? stream, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT {Columns} FROM people WHERE actor IN (
                SELECT DISTINCT user_name FROM mt_events
                WHERE tenant_id = $1 {(stream is null ? "" : "AND stream_id = $2")} AND user_name LIKE 'person:%')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        if (stream is { } one) command.Parameters.Add(new NpgsqlParameter { Value = one.Value });
        return await ReadAsync(command, ct);
    }

    public async Task<Person?> GetAsync(string actor, CancellationToken ct) =>
        (await FindAsync([actor], ct)).GetValueOrDefault(actor);

    /// <summary>A page of the directory, the most recently seen first, and how many it holds.</summary>
    public async Task<(IReadOnlyList<Person> Items, long Total)> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () FROM people ORDER BY last_seen DESC, actor OFFSET $1 LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)(page - 1) * pageSize });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        var items = new List<Person>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(Read(reader));
            total = reader.GetInt64(8);
        }
        // A page past the end has no row to carry the count.
        if (items.Count == 0 && page > 1)
        {
            await reader.DisposeAsync();
            await using var count = db.CreateCommand("SELECT count(*) FROM people");
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return (items, total);
    }

    /// <summary>
    /// Erases the person's name and e-mail address (the first erasure's time stays), and their notification read marker;
    /// false when the directory does not know the actor. The row stays, without personal data, so a history can still say what the actor acted as.
    /// </summary>
    public async Task<bool> EraseAsync(string actor, Instant at, CancellationToken ct)
    {
        // The read marker of the notification feed (Schema/095) goes too, in the same statement: it says when they last looked.
        await using var command = db.CreateCommand("""
            WITH marker AS (DELETE FROM notification_read_markers WHERE actor = $1)
            UPDATE people SET display_name = NULL, email = NULL, erased_at = coalesce(erased_at, $2) WHERE actor = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        return await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct)) > 0;
    }

    private static async Task<IReadOnlyDictionary<string, Person>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var found = new Dictionary<string, Person>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var person = Read(reader);
            found[person.Actor] = person;
        }
        return found;
    }

    private static Person Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<Instant>(5),
        reader.GetFieldValue<Instant>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<Instant>(7));
}
