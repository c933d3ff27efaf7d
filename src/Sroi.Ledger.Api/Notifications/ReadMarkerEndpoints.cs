using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>The body of <c>PUT /notifications/read-marker</c>.</summary>
public sealed record ReadMarkerRequest(
    [property: Required, MaxLength(ReadMarkerEndpoints.MaxCursorLength), RegularExpression(ReadMarkerEndpoints.CursorPattern),
        Description("The `next` cursor of a feed page (as it was given): everything up to and including it is read.")] string? Cursor);

/// <summary>The caller's read marker and how many of its notifications are after it (with <c>municipality</c>: there).</summary>
public sealed record UnreadCount(long Unread, string? Cursor);

/// <summary>
/// The inbox's unread count: each actor (a signed-in person, or a key) keeps a cursor of the feed it has read up to
/// (Schema/095), and the count is the caller's own feed (<see cref="FeedAudience"/>) after it. Moving the marker back is
/// ignored — two open pages must not make read notifications unread again.
/// </summary>
public static class ReadMarkerEndpoints
{
    public const string CursorMessage = "Expected the `next` cursor of a feed page, as it was given.";

    public const int MaxCursorLength = 60;

    /// <summary>"txid-seq", as the feed writes its cursors.</summary>
    public const string CursorPattern = "^[0-9]{1,20}-[0-9]{1,19}$";

    public static async Task<Results<Ok<UnreadCount>, ProblemHttpResult>> UnreadAsync(
        [AsParameters] MunicipalityQuery scope, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var errors = new FieldErrors();
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, scope, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        return TypedResults.Ok(await CountAsync(db, caller, municipality, ct));
    }

    public static async Task<Results<Ok<UnreadCount>, ProblemHttpResult>> MarkReadAsync(
        JsonBody<ReadMarkerRequest> body, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var errors = body.Errors;
        var caller = Caller.From(user);
        FeedCursor? cursor = null;
        if (errors.RequiredText("cursor", body.Value.Cursor, MaxCursorLength, screenForBsn: false))
        {
            cursor = FeedCursor.TryParse(body.Value.Cursor!);
            if (cursor is null) errors.Add("cursor", CursorMessage);
        }
        if (errors.Any) return Problems.BadRequest(errors);

        // A cursor is where a page ended: the start of the feed (0-0) or a notification that exists. Any other would hide
        // notifications not yet written from the count.
        await using var command = db.CreateCommand("""
            WITH known AS (
                SELECT 1 FROM sroi_notifications WHERE txid = $2::text::xid8 AND seq = $3
                UNION ALL SELECT 1 WHERE $2 = '0' AND $3 = 0)
            INSERT INTO notification_read_markers (actor, txid, seq, read_at)
            SELECT $1, $2::text::xid8, $3, $4 WHERE EXISTS (SELECT 1 FROM known)
            ON CONFLICT (actor) DO UPDATE SET txid = EXCLUDED.txid, seq = EXCLUDED.seq, read_at = EXCLUDED.read_at
                WHERE (EXCLUDED.txid, EXCLUDED.seq) > (notification_read_markers.txid, notification_read_markers.seq)
            RETURNING 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = caller.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor!.Value.Txid.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor.Value.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        var written = await DatabaseFailure.CommitAsync(async () => await command.ExecuteScalarAsync(ct)) is not null;
        if (!written && !await KnownAsync(db, cursor.Value, ct)) return Problems.BadRequest("cursor", CursorMessage);
        return TypedResults.Ok(await CountAsync(db, caller, null, ct));
    }

    /// <summary>Whether the cursor is one of the feed's (a marker further on was kept, so nothing was written).</summary>
    private static async Task<bool> KnownAsync(NpgsqlDataSource db, FeedCursor cursor, CancellationToken ct)
    {
        if (cursor is { Txid: 0, Seq: 0 }) return true;
        await using var command = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM sroi_notifications WHERE txid = $1::text::xid8 AND seq = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = cursor.Txid.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor.Seq });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The caller's notifications after its marker, as the feed would show them (committed, in the audience).</summary>
    private static async Task<UnreadCount> CountAsync(NpgsqlDataSource db, Caller caller, Domain.Shared.MunicipalityCode? municipality, CancellationToken ct)
    {
        var count = new FilteredQuery($"""
            WITH marker AS (
                SELECT txid, seq FROM notification_read_markers WHERE actor = $1
                UNION ALL SELECT '0'::xid8, 0 WHERE NOT EXISTS (SELECT 1 FROM notification_read_markers WHERE actor = $1))
            SELECT count(*), (SELECT txid::text || '-' || seq FROM notification_read_markers WHERE actor = $1)
            FROM sroi_notifications n, marker m
            WHERE (n.txid, n.seq) > (m.txid, m.seq) AND {FeedHorizon.Condition}
            """, caller.Actor);
        FeedAudience.Restrict(count, caller, municipality);
        await using var command = count.CommandOn(db);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new UnreadCount(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
