using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Notifications;
using Sroi.Ledger.Domain.Shared;
using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>The filter and page of <c>GET /webhook-subscriptions</c>; every bad one is named in one 400.</summary>
public sealed record WebhookSubscriptionListQuery
{
    [Description("Only this municipality's subscriptions (CBS code); an admin sees all without it, a contractor key without a municipality its own everywhere, another key only its own.")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("Page number, from 1."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Subscriptions per page, 1 to 100."), DefaultValue(WebhookSubscriptionEndpoints.DefaultPageSize)]
    public QueryWholeNumber? PageSize { get; init; }
}

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

    public static async Task<Results<Created<WebhookSubscriptionResponse>, ProblemHttpResult>> CreateAsync(
        JsonBody<SubscribeRequest> body, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, ReceiverAddresses addresses,
        WebhookSecrets secrets, SubscriptionSettings settings, CancellationToken ct)
    {
        var request = body.Value;
        var caller = Caller.From(user);

        var errors = body.Errors;
        var url = await SubscriptionRules.UrlAsync(request.Url, addresses, errors, ct);
        var (municipality, kvk, forbidden) = SubscriptionRules.Subscriber(caller, request.Municipality, request.KvkNumber, errors);
        if (forbidden is not null) return forbidden;
        var audience = SubscriptionRules.AudienceOf(caller, kvk, request.Types);
        var types = SubscriptionRules.Types(request.Types, audience, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var response = new WebhookSubscriptionResponse(Guid.CreateVersion7(), url!, types, municipality?.Value, kvk?.Value,
            WebhookSignature.NewSecret(), clock.GetCurrentInstant(), caller.Actor, null, null, DeliveryCounts.None);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // One subscriber's creations one at a time (a lock per subscriber, until commit), so two at once cannot both see 24.
        // A municipality's auditors are a subscriber of their own beside its WSP (both have no KvK number): the WSP's 25
        // must not keep the auditors from receiving the checkpoints.
        var auditor = audience == Audience.Auditor;
        await using (var count = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtextextended('sroi-webhook-subscriber:' || coalesce($1, '*') || ':' || coalesce($2, '') || ':' || $3::text, 0));
            """, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)response.KvkNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            count.Parameters.Add(new NpgsqlParameter { Value = auditor });
            await count.ExecuteNonQueryAsync(ct);
        }
        await using (var count = new NpgsqlCommand("""
            SELECT count(*) FROM sroi_webhook_subscriptions
            WHERE tenant_id IS NOT DISTINCT FROM $1 AND kvk_number IS NOT DISTINCT FROM $2 AND auditor = $3 AND deleted_at IS NULL
            """, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
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
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
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
        return TypedResults.Created($"/api/v1/webhook-subscriptions/{response.Id}", response);
    }

    public static async Task<Results<Ok<WebhookSubscriptionPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] WebhookSubscriptionListQuery query, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, query.Municipality, errors);
        var page = query.Page?.Read("page", 1, int.MaxValue / MaxPageSize, errors) ?? 1;
        var pageSize = query.PageSize?.Read("pageSize", 1, MaxPageSize, errors) ?? DefaultPageSize;
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        var (items, total) = await WebhookSubscriptions.VisibleAsync(db, caller, null, municipality, clock.GetCurrentInstant(), ct, (page, pageSize));
        return TypedResults.Ok(new WebhookSubscriptionPage(items, page, pageSize, total));
    }

    public static async Task<Results<Ok<WebhookSubscriptionResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct) =>
        await WebhookSubscriptions.OneAsync(db, Caller.From(user), id, clock.GetCurrentInstant(), ct) is { } one ? TypedResults.Ok(one) : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await WebhookSubscriptions.OneAsync(db, caller, id, clock.GetCurrentInstant(), ct) is null) return NotFound(id);
        // Kept, marked removed: its deliveries stay readable; pending retries are cancelled when they come up.
        await using var command = db.CreateCommand("UPDATE sroi_webhook_subscriptions SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new NpgsqlParameter { Value = caller.Actor });
        return await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct)) == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"Webhook subscription {id}");

}
