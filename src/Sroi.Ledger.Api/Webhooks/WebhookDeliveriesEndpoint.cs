using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Webhooks;

public sealed record DeliveryAttempt(int Attempt, Instant AttemptedAt, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// One notification to one subscription: <c>pending</c> (first attempt or a retry to come at <see cref="NextAttemptAt"/>),
/// <c>delivered</c>, <c>failed</c> (no attempt left) or <c>cancelled</c> (the subscription was removed); every attempt made.
/// </summary>
public sealed record DeliveryView(
    Guid NotificationId, string Type, Instant OccurredAt, DeliveryState State, int Attempts, Instant CreatedAt,
    Instant? NextAttemptAt, Instant? DeliveredAt, IReadOnlyList<DeliveryAttempt> AttemptsMade);

/// <summary>Where a delivery stands (sroi_webhook_deliveries.state).</summary>
public enum DeliveryState
{
    Pending,
    Delivered,
    Failed,
    Cancelled,
}

public sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, int Page, int PageSize);

/// <summary>The filter and page of <c>GET /webhook-subscriptions/{id}/deliveries</c>; every bad one is named in one 400.</summary>
public sealed record DeliveryListQuery
{
    [Description("Only deliveries in this state.")]
    public QueryChoice<DeliveryState>? State { get; init; }

    [Description("Page number, from 1."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Deliveries per page, 1 to 200."), DefaultValue(WebhookDeliveriesEndpoint.DefaultPageSize)]
    public QueryWholeNumber? PageSize { get; init; }
}

public static class WebhookDeliveriesEndpoint
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static async Task<Results<Ok<DeliveryPage>, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] DeliveryListQuery query, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = query.Page?.Read("page", 1, int.MaxValue / MaxPageSize, errors) ?? 1;
        var pageSize = query.PageSize?.Read("pageSize", 1, MaxPageSize, errors) ?? DefaultPageSize;
        // ?state= left empty filters nothing, as when left out.
        var state = query.State is { Text.Length: > 0 } named ? named.TryRead() : null;
        if (query.State is { Text.Length: > 0 } && state is null)
            errors.Add("state", "Expected pending, delivered, failed or cancelled.");
        if (errors.Any) return Problems.BadRequest(errors);
        // A removed subscription's deliveries stay readable to an admin; to its subscriber it is gone with it.
        var caller = Caller.From(user);
        if (caller.Role != Role.Admin && await WebhookSubscriptions.OneAsync(db, caller, id, Instant.MinValue, ct) is null) // only whether it is there matters
            return Problems.NotFound($"Webhook subscription {id}");

        await using var command = db.CreateCommand("""
            SELECT d.notification_id, n.type, n.occurred_at, d.state, d.attempts, d.created_at, d.next_attempt_at, d.delivered_at,
                   coalesce((SELECT json_agg(json_build_object('attempt', a.attempt,
                                                               'attemptedAt', to_char(a.attempted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'statusCode', a.status_code,
                                                               'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.attempt)
                             FROM sroi_webhook_attempts a WHERE a.subscription_id = d.subscription_id AND a.notification_id = d.notification_id), '[]')::text
            FROM sroi_webhook_deliveries d JOIN sroi_notifications n ON n.id = d.notification_id
            WHERE d.subscription_id = $1 AND ($2 = '' OR d.state = $2)
            ORDER BY n.seq DESC
            LIMIT $3 OFFSET $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = state is { } chosen ? KebabNames<DeliveryState>.NameOf(chosen) : "" });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        command.Parameters.Add(new NpgsqlParameter { Value = (page - 1) * pageSize });
        var items = new List<DeliveryView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new DeliveryView(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<Instant>(2), StateOf(reader.GetString(3)),
                reader.GetInt32(4), reader.GetFieldValue<Instant>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<Instant>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<Instant>(7),
                System.Text.Json.JsonSerializer.Deserialize<List<DeliveryAttempt>>(reader.GetString(8), Json.LedgerJson.Options)!));
        return TypedResults.Ok(new DeliveryPage(items, page, pageSize));
    }

    private static DeliveryState StateOf(string column) =>
        KebabNames<DeliveryState>.TryParse(column, out var state) ? state : throw new InvalidOperationException($"Unknown delivery state '{column}'.");
}
