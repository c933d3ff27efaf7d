using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Webhooks;

public sealed record DeliveryAttempt(int Attempt, Instant AttemptedAt, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// One notification to one subscription: <c>pending</c> (first attempt or a retry to come at <see cref="NextAttemptAt"/>),
/// <c>delivered</c>, <c>failed</c> (no attempt left) or <c>cancelled</c> (the subscription was removed); every attempt made.
/// </summary>
public sealed record DeliveryView(
    Guid NotificationId, string Type, Instant OccurredAt, string State, int Attempts, Instant CreatedAt,
    Instant? NextAttemptAt, Instant? DeliveredAt, IReadOnlyList<DeliveryAttempt> AttemptsMade);

public sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, int Page, int PageSize);

public static class WebhookDeliveriesEndpoint
{
    [WolverineGet("/api/v1/webhook-subscriptions/{id:guid}/deliveries", OperationId = "listWebhookDeliveries")]
    public static async Task<IResult> ListAsync(Guid id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (page, pageSize) = QueryParameters.Paging(http.Request, 50, 200, errors);
        var state = http.Request.Query["state"].ToString();
        if (state.Length > 0 && state is not ("pending" or "delivered" or "failed" or "cancelled"))
            errors.Add("state", "Expected pending, delivered, failed or cancelled.");
        if (errors.Any) return Problems.BadRequest(errors);
        // A removed subscription's deliveries stay readable to an admin; to its subscriber it is gone with it.
        var caller = Caller.From(http);
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
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        command.Parameters.Add(new NpgsqlParameter { Value = (page - 1) * pageSize });
        var items = new List<DeliveryView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new DeliveryView(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<Instant>(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetFieldValue<Instant>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<Instant>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<Instant>(7),
                System.Text.Json.JsonSerializer.Deserialize<List<DeliveryAttempt>>(reader.GetString(8), Hosting.LedgerJson.Options)!));
        return Results.Ok(new DeliveryPage(items, page, pageSize));
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) =>
        chain.Describe("The subscription's deliveries, newest first, each with every attempt and what the receiver answered " +
                       "(filter by `state`: pending, delivered, failed, cancelled; page, pageSize).")
            .WithTags("Notifications").RequireRoles(WebhookSubscriptionEndpoints.Subscribers)
            .Produces<DeliveryPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
