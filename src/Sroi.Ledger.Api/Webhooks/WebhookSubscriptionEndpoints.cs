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

    [WolverinePost("/api/v1/webhook-subscriptions", OperationId = "createWebhookSubscription")]
    public static async Task<IResult> CreateAsync(HttpContext http, NpgsqlDataSource db, IClock clock, ReceiverAddresses addresses, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<SubscribeRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var caller = Caller.From(http);

        var errors = new FieldErrors();
        var url = SubscriptionRules.Url(request.Url, addresses, errors);
        var (municipality, kvk, forbidden) = SubscriptionRules.Subscriber(caller, request.Municipality, request.KvkNumber, errors);
        if (forbidden is not null) return forbidden;
        var audience = SubscriptionRules.AudienceOf(caller, kvk, request.Types);
        var types = SubscriptionRules.Types(request.Types, audience, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var response = new WebhookSubscriptionResponse(Guid.CreateVersion7(), url!, types, municipality!.Value.Value, kvk?.Value,
            WebhookSignature.NewSecret(), clock.GetCurrentInstant(), caller.Actor, DeliveryCounts.None);
        await using var command = db.CreateCommand("""
            INSERT INTO sroi_webhook_subscriptions (id, tenant_id, kvk_number, url, types, secret, created_at, created_by, auditor)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = response.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Municipality });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.KvkNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Url });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Types.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Secret! });
        command.Parameters.Add(new NpgsqlParameter { Value = response.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = response.CreatedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = audience == Audience.Auditor });
        await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct));
        return Results.Created($"/api/v1/webhook-subscriptions/{response.Id}", response);
    }

    [WolverineGet("/api/v1/webhook-subscriptions", OperationId = "listWebhookSubscriptions")]
    public static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var municipality = QueryParameters.OptionalMunicipality(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        return Results.Ok(await WebhookSubscriptions.VisibleAsync(db, Caller.From(http), null, municipality, ct));
    }

    [WolverineGet("/api/v1/webhook-subscriptions/{id:guid}", OperationId = "getWebhookSubscription")]
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        await WebhookSubscriptions.VisibleAsync(db, Caller.From(http), id, null, ct) is [var one] ? Results.Ok(one) : NotFound(id);

    [WolverineDelete("/api/v1/webhook-subscriptions/{id:guid}", OperationId = "deleteWebhookSubscription")]
    public static async Task<IResult> DeleteAsync(Guid id, HttpContext http, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var caller = Caller.From(http);
        if (await WebhookSubscriptions.VisibleAsync(db, caller, id, null, ct) is not [_]) return NotFound(id);
        // Kept, marked removed: its deliveries stay readable; pending retries are cancelled when they come up.
        await using var command = db.CreateCommand("UPDATE sroi_webhook_subscriptions SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new NpgsqlParameter { Value = caller.Actor });
        return await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct)) == 0 ? NotFound(id) : Results.NoContent();
    }

    private static IResult NotFound(Guid id) => Problems.NotFound($"Webhook subscription {id}");

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        chain.WithTags("Notifications").RequireRoles(Subscribers);
        switch (chain.Method.Method.Name)
        {
            case nameof(CreateAsync):
                chain.Describe("Subscribe a URL to notification types. The answer's `secret` (shown once) signs every delivery: " +
                               "`X-Sroi-Signature: sha256=<hex HMAC-SHA256 of the body>`. Only http(s) URLs; redirects are not followed. " +
                               "A WSP key subscribes for its municipality, a contractor key for itself, an auditor key for its municipality's audit " +
                               "signals; an admin names `municipality` and, for a contractor, `kvkNumber` (audit types alone: an auditors' subscription). " +
                               "Types: " + string.Join(", ", SignalType.All) + ".")
                    .Accepts<SubscribeRequest>("application/json")
                    .Produces<WebhookSubscriptionResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
                    .ProducesProblem(StatusCodes.Status403Forbidden);
                break;
            case nameof(ListAsync):
                chain.Describe("The caller's subscriptions (an admin: all, or of `municipality`), without their secrets.")
                    .Produces<WebhookSubscriptionResponse[]>().ProducesValidationProblem();
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
