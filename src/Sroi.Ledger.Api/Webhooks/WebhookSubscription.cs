using System.ComponentModel.DataAnnotations;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Webhooks;

[RequiredWhen("municipality", "the caller is an admin (a WSP or contractor key subscribes for itself)")]
public sealed record SubscribeRequest(
    [property: Required, MaxLength(WebhookSubscriptions.MaxUrlLength), RegularExpression(WebhookSubscriptions.UrlPattern)] string? Url,
    [property: Required, MinLength(1)] IReadOnlyList<string?>? Types,
    [property: RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: RegularExpression(KvkNumber.Pattern)] string? KvkNumber);

/// <summary>
/// A subscription: its notifications are posted to <see cref="Url"/>. The subscriber is the WSP of
/// <see cref="Municipality"/> (<see cref="KvkNumber"/> null) or that contractor there; a contractor's subscription without a
/// municipality is for its notifications in every municipality. <see cref="Secret"/> is only ever filled in
/// the answer that creates it or rotates it. <see cref="PreviousSecretValidUntil"/>: after a rotation, until when the
/// replaced secret still signs beside the new one (null: no changeover running). <see cref="Deliveries"/> says at a
/// glance whether the receiver keeps up.
/// </summary>
public sealed record WebhookSubscriptionResponse(
    Guid Id, string Url, IReadOnlyList<string> Types, string? Municipality, string? KvkNumber, string? Secret,
    Instant CreatedAt, string CreatedBy, Instant? SecretRotatedAt, Instant? PreviousSecretValidUntil, DeliveryCounts Deliveries);

/// <summary>A page of subscriptions, like the API's other lists: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record WebhookSubscriptionPage(IReadOnlyList<WebhookSubscriptionResponse> Items, int Page, int PageSize, long Total);

/// <summary>The subscription's deliveries by state, and when the last attempt failed (null: never).</summary>
public sealed record DeliveryCounts(int Pending, int Delivered, int Failed, Instant? LastFailedAttemptAt)
{
    public static DeliveryCounts None { get; } = new(0, 0, 0, null);
}

/// <summary>The subscriptions table: who may see which, and how they read.</summary>
public static class WebhookSubscriptions
{
    public const int MaxUrlLength = 2048;

    /// <summary>What the OpenAPI document says of the URL; the server also refuses a user name, a password or a fragment in it.</summary>
    public const string UrlPattern = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$";

    private const string Columns = "s.id, s.url, s.types, s.tenant_id, s.kvk_number, s.created_at, s.created_by";

    /// <summary>A live subscription as the outbox matches notifications against it.</summary>
    public sealed record Live(Guid Id, string? KvkNumber, string[] Types)
    {
        public bool Wants(Notifications.Notification n) =>
            Types.Contains(n.Type) && (KvkNumber is null ? n.ToWsp || Notifications.SignalType.GoesToAuditor(n.Type) : n.ToContractor?.Value == KvkNumber);
    }

    /// <summary>
    /// The municipality's live subscriptions, with the contractors' subscriptions in every municipality (no tenant; each
    /// wants only what is sent to its KvK number): read once per transaction that raises notifications.
    /// </summary>
    public static async Task<IReadOnlyList<Live>> LiveAsync(NpgsqlDataSource db, MunicipalityCode municipality, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT id, kvk_number, types FROM sroi_webhook_subscriptions WHERE (tenant_id = $1 OR (tenant_id IS NULL AND kvk_number IS NOT NULL)) AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        var live = new List<Live>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            live.Add(new Live(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        return live;
    }

    /// <summary>
    /// The caller's own subscriptions, or all for an admin: a WSP key sees its municipality's WSP subscriptions, a contractor
    /// key those of its KvK number there (a contractor key without a municipality: those of its KvK number anywhere). Removed ones are gone. With <paramref name="page"/>, that page (1-based) and the
    /// total; without, all that match (one, for an id).
    /// </summary>
    public static async Task<(IReadOnlyList<WebhookSubscriptionResponse> Items, long Total)> VisibleAsync(
        NpgsqlDataSource db, Caller caller, Guid? id, MunicipalityCode? municipality, Instant now, CancellationToken ct,
        (int Page, int PageSize)? page = null)
    {
        var query = new FilteredQuery($"""
            SELECT {Columns},
                   (SELECT count(*) FILTER (WHERE d.state = 'pending') FROM sroi_webhook_deliveries d WHERE d.subscription_id = s.id)::int,
                   (SELECT count(*) FILTER (WHERE d.state = 'delivered') FROM sroi_webhook_deliveries d WHERE d.subscription_id = s.id)::int,
                   (SELECT count(*) FILTER (WHERE d.state = 'failed') FROM sroi_webhook_deliveries d WHERE d.subscription_id = s.id)::int,
                   (SELECT max(a.attempted_at) FROM sroi_webhook_attempts a WHERE a.subscription_id = s.id
                      AND (a.status_code IS NULL OR a.status_code NOT BETWEEN 200 AND 299)),
                   s.secret_rotated_at, s.previous_secret_until, count(*) OVER ()
            FROM sroi_webhook_subscriptions s WHERE deleted_at IS NULL
            """);
        if (id is { } one) query.And("id = ?", one);
        if (caller.Role == Role.Admin) { if (municipality is { } m) query.And("tenant_id = ?", m.Value); }
        else if (caller.IsContractorEverywhere())
        {
            // The contractor as an organisation: its subscriptions wherever they were made (or in the municipality it names).
            query.And("kvk_number = ?", caller.KvkNumber!.Value.Value);
            if (municipality is { } m) query.And("tenant_id = ?", m.Value);
        }
        else
        {
            query.And("tenant_id = ?", caller.Municipality!.Value.Value);
            if (caller.Role == Role.Opdrachtnemer) query.And("kvk_number = ?", caller.KvkNumber!.Value.Value);
            // A WSP key and an auditor key of one municipality each see their own audience's subscriptions only.
            else query.And("kvk_number IS NULL").And("auditor = ?", caller.Role == Role.Auditor);
        }
        query.Append(" ORDER BY created_at, id");
        if (page is var (number, size)) query.Append($" LIMIT {query.Next(size)} OFFSET {query.Next((long)(number - 1) * size)}");
        await using var command = query.CommandOn(db);
        var list = new List<WebhookSubscriptionResponse>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var until = reader.IsDBNull(12) ? (Instant?)null : reader.GetFieldValue<Instant>(12);
                list.Add(new WebhookSubscriptionResponse(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), null,
                    reader.GetFieldValue<Instant>(5), reader.GetString(6),
                    reader.IsDBNull(11) ? null : reader.GetFieldValue<Instant>(11), until > now ? until : null,
                    new DeliveryCounts(reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<Instant>(10))));
                total = reader.GetInt64(13);
            }
        // Past the last page the window count has no row to ride on: count again without the page.
        if (list.Count == 0 && page is { Page: > 1 })
            total = (await VisibleAsync(db, caller, id, municipality, now, ct, (1, 1))).Total;
        return (list, total);
    }

    /// <summary>One of the caller's subscriptions, or null when it has none by that id.</summary>
    public static async Task<WebhookSubscriptionResponse?> OneAsync(NpgsqlDataSource db, Caller caller, Guid id, Instant now, CancellationToken ct) =>
        (await VisibleAsync(db, caller, id, null, now, ct)).Items is [var one] ? one : null;
}
