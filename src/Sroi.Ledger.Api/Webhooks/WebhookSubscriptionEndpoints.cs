using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting.DatabaseUnavailable;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Notifications;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// Subscribing to notifications by webhook: an admin for any subscriber, a WSP key for its municipality, a contractor key
/// for its own KvK number. Subscriptions are delivery settings, not ledger facts: a plain table, like the API keys.
/// </summary>
public static class WebhookSubscriptionEndpoints
{
    public static readonly Role[] Subscribers = [Role.Admin, Role.Wsp, Role.Opdrachtnemer, Role.Auditor];

    /// <summary>The stable code of the 422 for one subscription too many.</summary>
    public const string LimitReached = "webhook-subscription.limit-reached";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    [WolverinePost("/api/v1/webhook-subscriptions", OperationId = "createWebhookSubscription")]
    public static async Task<IResult> CreateAsync(HttpContext http, NpgsqlDataSource db, IClock clock, ReceiverAddresses addresses,
        WebhookSecrets secrets, SubscriptionSettings settings, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<SubscribeRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var caller = Caller.From(http);

        var errors = new FieldErrors();
        var url = await SubscriptionRules.UrlAsync(request.Url, addresses, errors, ct);
        var (municipality, kvk, forbidden) = SubscriptionRules.Subscriber(caller, request.Municipality, request.KvkNumber, errors);
        if (forbidden is not null) return forbidden;
        var audience = SubscriptionRules.AudienceOf(caller, kvk, request.Types);
        var types = SubscriptionRules.Types(request.Types, audience, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var response = new WebhookSubscriptionResponse(Guid.CreateVersion7(), url!, types, municipality!.Value.Value, kvk?.Value,
            WebhookSignature.NewSecret(), clock.GetCurrentInstant(), caller.Actor, null, null, DeliveryCounts.None);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // One subscriber's creations one at a time (a lock per subscriber, until commit), so two at once cannot both see 24.
        // A municipality's auditors are a subscriber of their own beside its WSP (both have no KvK number): the WSP's 25
        // must not keep the auditors from receiving the checkpoints.
        var auditor = audience == Audience.Auditor;
        await using (var count = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtextextended('sroi-webhook-subscriber:' || $1 || ':' || coalesce($2, '') || ':' || $3::text, 0));
            """, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = response.Municipality });
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)response.KvkNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            count.Parameters.Add(new NpgsqlParameter { Value = auditor });
            await count.ExecuteNonQueryAsync(ct);
        }
        await using (var count = new NpgsqlCommand("""
            SELECT count(*) FROM sroi_webhook_subscriptions
            WHERE tenant_id = $1 AND kvk_number IS NOT DISTINCT FROM $2 AND auditor = $3 AND deleted_at IS NULL
            """, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = response.Municipality });
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)response.KvkNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            count.Parameters.Add(new NpgsqlParameter { Value = auditor });
            if ((long)(await count.ExecuteScalarAsync(ct))! >= settings.MaxPerSubscriber)
                return Problems.RuleViolated(new RuleViolation(LimitReached,
                    $"This subscriber has {settings.MaxPerSubscriber} subscriptions already, the most it may have " +
                    $"({SubscriptionSettings.MaxSetting}); one subscription takes several types, or remove one first."));
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO sroi_webhook_subscriptions (id, tenant_id, kvk_number, url, types, secret, created_at, created_by, auditor)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = response.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = response.Municipality });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)response.KvkNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            insert.Parameters.Add(new NpgsqlParameter { Value = response.Url });
            insert.Parameters.Add(new NpgsqlParameter { Value = response.Types.ToArray() });
            // Only the ciphertext is stored; the secret itself is in this answer and nowhere else.
            insert.Parameters.Add(new NpgsqlParameter { Value = secrets.Protect(response.Id, response.Secret!) });
            insert.Parameters.Add(new NpgsqlParameter { Value = response.CreatedAt });
            insert.Parameters.Add(new NpgsqlParameter { Value = response.CreatedBy });
            insert.Parameters.Add(new NpgsqlParameter { Value = auditor });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await DatabaseFailure.CommitAsync(() => transaction.CommitAsync(ct));
        return Results.Created($"/api/v1/webhook-subscriptions/{response.Id}", response);
    }

    [WolverineGet("/api/v1/webhook-subscriptions", OperationId = "listWebhookSubscriptions")]
    public static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = MunicipalityScope.ForList(http, errors);
        var (page, pageSize) = QueryParameters.Paging(http.Request, DefaultPageSize, MaxPageSize, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        var (items, total) = await WebhookSubscriptions.VisibleAsync(db, Caller.From(http), null, municipality, clock.GetCurrentInstant(), ct, (page, pageSize));
        return Results.Ok(new WebhookSubscriptionPage(items, page, pageSize, total));
    }

    [WolverineGet("/api/v1/webhook-subscriptions/{id:guid}", OperationId = "getWebhookSubscription")]
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, NpgsqlDataSource db, IClock clock, CancellationToken ct) =>
        await WebhookSubscriptions.OneAsync(db, Caller.From(http), id, clock.GetCurrentInstant(), ct) is { } one ? Results.Ok(one) : NotFound(id);

    [WolverineDelete("/api/v1/webhook-subscriptions/{id:guid}", OperationId = "deleteWebhookSubscription")]
    public static async Task<IResult> DeleteAsync(Guid id, HttpContext http, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var caller = Caller.From(http);
        if (await WebhookSubscriptions.OneAsync(db, caller, id, clock.GetCurrentInstant(), ct) is null) return NotFound(id);
        // Kept, marked removed: its deliveries stay readable; pending retries are cancelled when they come up.
        await using var command = db.CreateCommand("UPDATE sroi_webhook_subscriptions SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new NpgsqlParameter { Value = caller.Actor });
        return await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct)) == 0 ? NotFound(id) : Results.NoContent();
    }

    internal static IResult NotFound(Guid id) => Problems.NotFound($"Webhook subscription {id}");

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        chain.WithTags("Notifications").RequireRoles(Subscribers);
        switch (chain.Method.Method.Name)
        {
            case nameof(CreateAsync):
                chain.Describe("Subscribe a URL to notification types. The answer's `secret` (`whsec_<base64>`, shown once) signs every " +
                               "delivery after the Standard Webhooks specification: `webhook-id`, `webhook-timestamp`, " +
                               "`webhook-signature: v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\">`. Only http(s) URLs to public " +
                               "addresses; redirects are not followed. A WSP key subscribes for its municipality, a contractor key for " +
                               "itself, an auditor key for its municipality's audit signals; an admin names `municipality` and, for a contractor, `kvkNumber`. At most " +
                               $"{SubscriptionSettings.MaxSetting} (default 25) per subscriber: one more is a 422 `{LimitReached}`. Types: " +
                               string.Join(", ", SignalType.All) + ".")
                    .Accepts<SubscribeRequest>("application/json")
                    .Produces<WebhookSubscriptionResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
                    .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
                break;
            case nameof(ListAsync):
                chain.Describe("The caller's subscriptions (an admin: all, or of `municipality`), oldest first, without their secrets; " +
                               $"`page`, `pageSize` (≤ {MaxPageSize}, default {DefaultPageSize}).")
                    .Produces<WebhookSubscriptionPage>().ProducesValidationProblem();
                break;
            case nameof(GetAsync):
                chain.Describe("One of the caller's subscriptions, without its secret.")
                    .Produces<WebhookSubscriptionResponse>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
            case nameof(DeleteAsync):
                chain.Describe("Remove a subscription: nothing more is posted to it, pending retries included.")
                    .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
