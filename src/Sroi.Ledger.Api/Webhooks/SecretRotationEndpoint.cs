using System.ComponentModel.DataAnnotations;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting.DatabaseUnavailable;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>How long the replaced secret keeps signing beside the new one; left out: the service's setting (24 hours unless set).</summary>
public sealed record RotateSecretRequest([property: Range(0, SubscriptionSettings.MaxChangeoverHours)] int? ChangeoverHours);

/// <summary>
/// A new secret for a subscription, shown once in the answer. During the changeover every delivery carries two
/// signatures in <c>webhook-signature</c> (the spec's space-separated list), one per secret, so the receiver verifies
/// with whichever it holds and switches when it likes; a changeover of 0 retires the old secret at once (a leaked one).
/// Rotating again during a changeover retires the oldest: at most two secrets ever sign.
/// </summary>
public static class SecretRotationEndpoint
{
    [WolverinePost("/api/v1/webhook-subscriptions/{id:guid}/secret-rotation", OperationId = "rotateWebhookSecret")]
    public static async Task<IResult> RotateAsync(Guid id, HttpContext http, NpgsqlDataSource db, IClock clock, WebhookSecrets secrets,
        SubscriptionSettings settings, CancellationToken ct)
    {
        var changeover = settings.Changeover;
        // The body is optional: a bare POST takes the service's changeover.
        var (body, problem) = await RequestBody.ReadOptionalAsync(http.Request, new RotateSecretRequest(null), ct);
        if (problem is not null) return problem;
        if (body!.Value.ChangeoverHours is { } hours)
        {
            if (hours is < 0 or > SubscriptionSettings.MaxChangeoverHours)
                return Problems.BadRequest("changeoverHours", $"A whole number of hours from 0 to {SubscriptionSettings.MaxChangeoverHours}.");
            changeover = TimeSpan.FromHours(hours);
        }
        var caller = Caller.From(http);
        var now = clock.GetCurrentInstant();
        if (await WebhookSubscriptions.OneAsync(db, caller, id, now, ct) is null) return WebhookSubscriptionEndpoints.NotFound(id);

        var secret = WebhookSignature.NewSecret();
        await using var command = db.CreateCommand("""
            UPDATE sroi_webhook_subscriptions
            SET previous_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret END,
                previous_secret_until = $3, secret = $2, secret_rotated_at = $4
            WHERE id = $1 AND deleted_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = secrets.Protect(id, secret) });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = changeover > TimeSpan.Zero ? now + Duration.FromTimeSpan(changeover) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        if (await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct)) == 0) return WebhookSubscriptionEndpoints.NotFound(id);
        var rotated = await WebhookSubscriptions.OneAsync(db, caller, id, now, ct);
        return rotated is null ? WebhookSubscriptionEndpoints.NotFound(id) : Results.Ok(rotated with { Secret = secret });
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) =>
        chain.Describe("Rotate the subscription's secret: the answer holds the new `secret` (shown once). Until " +
                       "`previousSecretValidUntil` (`changeoverHours` from now: 0–168, default " + SubscriptionSettings.ChangeoverSetting +
                       ", 24) every delivery is signed with both, space-separated in `webhook-signature`; then only with the new one. " +
                       "The body is optional.")
            .WithTags("Notifications").RequireRoles(WebhookSubscriptionEndpoints.Subscribers)
            .Accepts<RotateSecretRequest>(isOptional: true, "application/json")
            .Produces<WebhookSubscriptionResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
