using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>A page of the feed; <see cref="Next"/> is the cursor to ask with next time (the same when nothing is new).</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationBody> Items, string Next, bool HasMore);

/// <summary>Where the feed starts and how much of it a page holds.</summary>
public sealed record NotificationFeedQuery
{
    [Description("The `next` cursor of an earlier page, as it was given; leave it out to start at the beginning.")]
    public string? After { get; init; }

    [Description("Notifications per page, 1 to 500."), DefaultValue(100)]
    public QueryWholeNumber? Limit { get; init; }
}

/// <summary>
/// The notifications of the caller, oldest first, after a cursor: what a webhook would have received, for a key without
/// one. A WSP key gets its municipality's WSP notifications, a contractor key its own (one without a municipality: its own
/// in every municipality, or of <c>municipality</c>), an admin all (or of
/// <c>municipality</c>), an auditor key its municipality's audit signals (<c>checkpoint.signed</c>, <c>checkpoint.refused</c>);
/// inkoop keys are sent none.
/// </summary>
public static class NotificationFeedEndpoint
{
    private const int MaxLimit = 500;

    private const int DefaultLimit = 100;

    public static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListAsync([AsParameters] NotificationFeedQuery query,
        [AsParameters] MunicipalityQuery scope, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var errors = new FieldErrors();
        var after = Cursor(query.After ?? "", errors);
        var limit = query.Limit is { Text.Length: > 0 } l ? l.Read("limit", 1, MaxLimit, errors, $"Expected a whole number from 1 to {MaxLimit}.") ?? DefaultLimit : DefaultLimit;
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, scope, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        // Only rows of transactions older than every one of this database still running (FeedHorizon): a notification that
        // commits late has a later txid than every row shown before it, so the cursor never passes one that is not there yet.
        var feed = new FilteredQuery($"""
            SELECT n.txid::text AS cursor_txid, n.seq, n.body FROM sroi_notifications n
            WHERE (n.txid, n.seq) > ($1::text::xid8, $2) AND {FeedHorizon.Condition}
            """, after.Txid.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Seq);
        FeedAudience.Restrict(feed, caller, municipality);
        // By the xid8 column itself, named with its table: a bare name in ORDER BY means a select-list column first, and as
        // text "100000" sorts before "99999" — where transaction ids gain a digit the feed would leave commit order and a
        // cursor would pass rows it never showed.
        feed.Append($" ORDER BY n.txid, n.seq LIMIT {feed.Next(limit + 1)}");

        await using var command = feed.CommandOn(db);
        var items = new List<NotificationBody>();
        var last = after;
        var hasMore = false;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                // The query asks for one row beyond the page: if it comes, there is more.
                if (items.Count == limit) { hasMore = true; break; }
                last = new FeedCursor(ulong.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1));
                items.Add(System.Text.Json.JsonSerializer.Deserialize<NotificationBody>(reader.GetString(2), Json.LedgerJson.Options)!);
            }
        return TypedResults.Ok(new NotificationPage(items, last.ToString(), hasMore));
    }

    private static FeedCursor Cursor(string raw, FieldErrors errors)
    {
        if (raw.Length == 0) return default;
        if (FeedCursor.TryParse(raw) is { } cursor) return cursor;
        errors.Add("after", "Expected the `next` cursor of an earlier page (as it was given), or nothing to start at the beginning.");
        return default;
    }
}

/// <summary>Where a page ended: the transaction id and sequence number of its last notification, written "txid-seq".</summary>
public readonly record struct FeedCursor(ulong Txid, long Seq)
{
    public override string ToString() => FormattableString.Invariant($"{Txid}-{Seq}");

    public static FeedCursor? TryParse(string raw)
    {
        var parts = raw.Split('-');
        return parts.Length == 2 && ulong.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var txid)
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? new FeedCursor(txid, seq) : null;
    }
}
