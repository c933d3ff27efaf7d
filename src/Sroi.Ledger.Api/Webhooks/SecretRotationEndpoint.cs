using System.ComponentModel.DataAnnotations;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.HttpConventions;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>How long the replaced secret keeps signing beside the new one; left out: the service's setting (24 hours unless set).</summary>
public sealed record RotateSecretRequest([property: Range(0, SubscriptionSettings.MaxChangeoverHours)] int? ChangeoverHours)
    : IOptionalBody<RotateSecretRequest>
{
    /// <summary>A bare POST: the service's changeover.</summary>
    public static RotateSecretRequest Empty { get; } = new(ChangeoverHours: null);
}

/// <summary>
/// A new secret for a subscription, shown once in the answer. During the changeover every delivery carries two
/// signatures in <c>webhook-signature</c> (the spec's space-separated list), one per secret, so the receiver verifies
/// with whichever it holds and switches when it likes; a changeover of 0 retires the old secret at once (a leaked one).
/// Rotating again during a changeover retires the oldest: at most two secrets ever sign.
/// </summary>
public static class SecretRotationEndpoint
{
    public static async Task<Results<Ok<WebhookSubscriptionResponse>, ProblemHttpResult>> RotateAsync(
        Guid id, JsonBody<RotateSecretRequest> body, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, WebhookSecrets secrets,
        SubscriptionSettings settings, CancellationToken ct)
    {
        var changeover = settings.Changeover;
        var errors = body.Errors;
        if (body.Value.ChangeoverHours is { } hours)
        {
            if (hours is < 0 or > SubscriptionSettings.MaxChangeoverHours)
                errors.Add("changeoverHours", $"A whole number of hours from 0 to {SubscriptionSettings.MaxChangeoverHours}.");
            else changeover = TimeSpan.FromHours(hours);
        }
        if (errors.Any) return Problems.BadRequest(errors);
        var caller = Caller.From(user);
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
        return rotated is null ? WebhookSubscriptionEndpoints.NotFound(id) : TypedResults.Ok(rotated with { Secret = secret });
    }
}
