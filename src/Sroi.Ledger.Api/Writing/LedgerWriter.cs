using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Idempotency;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The write path of every command over HTTP, on the Marten session of the caller's municipality: replay an idempotent
/// repeat, fetch the stream's document for writing, check If-Match, decide, then append the events with the
/// idempotency record in one transaction, in which Marten's inline projections fold the read models. A lost race is a
/// 412 (with If-Match), a retry (when the command allows it) or a 409.
/// </summary>
public sealed class LedgerWriter(LedgerEvents events, NpgsqlDataSource db, Admin.ProjectionRebuild rebuild, Wolverine.Runtime.IWolverineRuntime messaging)
{
    /// <summary>
    /// Enough for every one of 50 simultaneous reports on one contract to land: each round of a race has a
    /// winner, so the unluckiest writer needs at most as many attempts as there are writers.
    /// </summary>
    private const int MaxAttempts = 100;

    /// <summary>
    /// Fetch the stream's document for writing (404 if the caller may not see it), check If-Match against its version
    /// (412), decide on it (422), then append at that version with the idempotency record and the statements in one
    /// transaction, Marten's inline projections folding the document in it. A lost race: 412 with If-Match, else a
    /// retry (when the command allows it) or a 409.
    /// </summary>
    public async Task<IResult> ExecuteAsync<TDocument>(HttpContext http, StreamWrite<TDocument> write, CancellationToken ct) where TDocument : class
    {
        if (rebuild.IsRunning)
            return Problems.Unavailable(http, "The read models are being rebuilt from the event log; retry in a moment.", 5);
        var caller = Caller.From(http);
        var (idempotent, problem) = IdempotencyKeys.From(http.Request, caller, write.Fingerprint);
        if (problem is not null) return problem;
        if (idempotent is not null && await IdempotencyKeys.ReplayAsync(db, idempotent, ct) is { } replay)
            return replay;

        var (ifMatch, badIfMatch) = ETags.IfMatch(http.Request);
        if (badIfMatch is not null) return badIfMatch;

        var (correlation, badCorrelation) = TracingHeaders.Read(http.Request, TracingHeaders.CorrelationId);
        if (badCorrelation is not null) return badCorrelation;
        var (causation, badCausation) = TracingHeaders.Read(http.Request, TracingHeaders.CausationId);
        if (badCausation is not null) return badCausation;
        var metadata = new EventMetadata(caller.Actor, correlation ?? http.TraceIdentifier, causation, write.Reason, idempotent?.Key);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = events.OpenSession(write.Tenant, metadata);
            // A command that would be decided again after a lost race takes the stream's row lock while it decides instead:
            // writers to a hot stream (50 reports on one contract) then queue rather than race and retry.
            var stream = write.RetryOnConflict
                ? await session.Events.FetchForExclusiveWriting<TDocument>(write.Stream.Value, ct)
                : await session.Events.FetchForWriting<TDocument>(write.Stream.Value, ct);
            var version = stream.StartingVersion ?? 0;

            Decided? decided = null;
            RuleViolation? violated = null;
            try { decided = write.Decide(stream.Aggregate, version); }
            catch (RuleViolation violation) { violated = violation; }
            if (decided is Decided.Refused refused) return refused.Answer;
            // After the visibility check, so a stream the caller may not see stays a 404 whatever it sends; before the
            // rules, so a stale If-Match is a 412 whatever the command would break.
            if (ifMatch is { } expected && expected != version)
                return Problems.PreconditionFailed(version);
            if (violated is not null) return Problems.RuleViolated(violated);
            var decision = ((Decided.To)decided!).Decision;

            var response = decision.Response(version + decision.Events.Count);
            // In the batch after the events: a concurrent repeat with the same key fails on the key's primary key (and
            // replays the winner's answer), unless an inline read model refused it first.
            if (idempotent is not null) session.QueueOperation(new QueuedStatement(IdempotencyKeys.Record(idempotent, response)));
            stream.AppendMany(decision.Events);
            // Enrolled in this session: the notifications and their messages commit with the events or not at all.
            await Notifications.NotificationOutbox.EnrolAsync(messaging, db, session, decision.Notifications, decision.FollowUps, ct);

            try
            {
                await events.SaveAsync(session, write.Tenant, write.Stream, version, ct);
                return response.ToResult();
            }
            catch (StreamConflictException conflict)
            {
                if (ifMatch is not null)
                    return Problems.PreconditionFailed(conflict.ActualVersion);
                if (!write.RetryOnConflict || attempt >= MaxAttempts)
                    return Problems.Conflict(
                        $"{write.Subject} was changed by someone else at the same time (now version {conflict.ActualVersion}); read it again and retry.");
                await Task.Delay(Random.Shared.Next(1, Math.Min(5 * attempt, 50)), ct);
            }
            catch (PostgresException e) when (idempotent is not null && IdempotencyKeys.LostRace(e))
            {
                return await IdempotencyKeys.ReplayAsync(db, idempotent, ct)
                    ?? Problems.Conflict("A request with this Idempotency-Key is being processed; retry.");
            }
            catch (PostgresException e) when (write.DatabaseRefusal(e) is { } answer)
            {
                return answer;
            }
        }
    }
}
