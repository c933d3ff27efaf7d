using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Idempotency;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The write path of every command over HTTP, on the Marten session of the stream's municipality (<see cref="WriteAsync"/>).
/// An endpoint reads and checks the command, then hands this the stream, the caller, the write headers and a decide
/// function; nothing here knows HTTP beyond the typed answers.
/// </summary>
public sealed class LedgerWriter(LedgerEvents events, NpgsqlDataSource db, Wolverine.Runtime.IWolverineRuntime messaging)
{
    /// <summary>
    /// The one write of every ledger command: an Idempotency-Key's repeat is answered with the stored first answer; else
    /// the stream is locked and its document fetched, <paramref name="decide"/> refuses (404) or decides on it, If-Match is
    /// checked against its version (412, before any rule: 422), and the events are appended with the stored answer, the
    /// notifications and the follow-up messages (Wolverine's outbox, enrolled in the session) in one transaction, in which
    /// Marten's inline projections fold the document again.
    /// <para>
    /// Writers to one stream queue: each takes a transaction-scoped advisory lock on the stream before it reads, so the
    /// next decides on what the previous one committed. The lock is the stream's, not the row's
    /// (Marten's <c>FetchForExclusiveWriting</c> locks the row in <c>mt_streams</c>, which a stream being created does not
    /// have yet): two registrations of one candidate queue too, and the second is refused by the rules. A commit that
    /// PostgreSQL rolls back (a deadlock) is decided again from the lock on, up to <see cref="MaxAttempts"/> times. Only a
    /// writer outside this function can still win a race; the loser answers 409, or the winner's stored answer when they
    /// shared an Idempotency-Key.
    /// </para>
    /// </summary>
    /// <param name="fingerprint">The request's (method, path, body): an Idempotency-Key repeated with another is a 422.</param>
    /// <param name="reason">The command's written reason, recorded in the events' metadata.</param>
    /// <param name="decide">The document (null: the stream does not exist yet) and its version → a refusal or the decision;
    /// it throws <see cref="RuleViolation"/> for a broken rule.</param>
    public async Task<Results<TAnswer, ProblemHttpResult>> WriteAsync<TDocument, TAnswer>(
        LedgerStream<TDocument> stream, Caller caller, WriteHeaders headers, byte[] fingerprint, string? reason,
        Func<TDocument?, long, Decided<TAnswer>> decide, CancellationToken ct)
        where TDocument : class where TAnswer : IWrittenAnswer<TAnswer>
    {
        var (idempotent, badKey) = IdempotencyKeys.From(headers.IdempotencyKey, caller, fingerprint);
        if (badKey is not null) return badKey;
        // An imported row (Importing/): its reason, and in a dry run no append (see ImportedWrite).
        var imported = ImportedWrite.Current;
        if (imported is not null) reason = imported.ReasonWith(reason);
        if (idempotent is not null && await ReplayAsync<TAnswer>(idempotent, ct) is { } repeat)
            return Replayed(repeat, imported);
        var (ifMatch, badIfMatch) = ETags.IfMatch(headers.IfMatch);
        if (badIfMatch is not null) return badIfMatch;
        var (correlation, badCorrelation) = TracingHeaders.Read(headers.CorrelationId, TracingHeaders.CorrelationId);
        if (badCorrelation is not null) return badCorrelation;
        var (causation, badCausation) = TracingHeaders.Read(headers.CausationId, TracingHeaders.CausationId);
        if (badCausation is not null) return badCausation;
        var (actorRole, actorOrganisation) = People.ActingFor.Of(caller);
        var metadata = new EventMetadata(caller.Actor, correlation ?? headers.Trace.Id, causation, reason, idempotent?.Key, actorRole, actorOrganisation);

        // A commit PostgreSQL rolled back (a deadlock, a serialization failure) is decided again from the lock on, as a writer
        // queued behind the winner would be: Marten would replay such a batch itself, in a new transaction without the
        // stream's lock and on the version decided before; CallerTransaction refuses that replay, so it comes here.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await AttemptAsync(stream, idempotent, ifMatch, metadata, imported, decide, lastAttempt: attempt == MaxAttempts, ct) is { } answer)
                    return answer;
            }
            catch (Exception e) when (RolledBack(e))
            {
                // Rolled back every time: a race lost again and again, said as one; nothing was recorded.
                if (attempt == MaxAttempts)
                    return Problems.Conflict($"{stream.Subject} could not be written just now: the database rolled the write back {MaxAttempts} times (a deadlock with other writers); nothing was recorded, retry.");
            }
        }
    }

    /// <summary>How often a write is decided again after its commit was rolled back under it (see <see cref="AttemptAsync"/>).</summary>
    private const int MaxAttempts = 3;

    /// <summary>
    /// One attempt: lock, fetch, decide, append. Null when the commit was lost to a writer that came in while Marten replayed
    /// it, and this is not the <paramref name="lastAttempt"/>: the caller tries again, as after a rollback it throws.
    /// </summary>
    private async Task<Results<TAnswer, ProblemHttpResult>?> AttemptAsync<TDocument, TAnswer>(
        LedgerStream<TDocument> stream, IdempotentRequest? idempotent, long? ifMatch, EventMetadata metadata, ImportedWrite? imported,
        Func<TDocument?, long, Decided<TAnswer>> decide, bool lastAttempt, CancellationToken ct)
        where TDocument : class where TAnswer : IWrittenAnswer<TAnswer>
    {
        await using var session = events.OpenSession(stream.Tenant, metadata);
        await LockAsync(session, stream, ct);
        if (stream.Reads is { } reads)
        {
            if (reads.Shares is { } other) await LockSharedAsync(session, stream.Tenant, other, ct);
            await reads.ReadAsync(ct);
        }
        // A repeat that queued behind its first request finds the answer that one committed.
        if (idempotent is not null && await ReplayAsync<TAnswer>(idempotent, ct) is { } queued)
            return Replayed(queued, imported);
        var fetched = await session.Events.FetchForExclusiveWriting<TDocument>(stream.Id.Value, ct);
        var version = fetched.StartingVersion ?? 0;
        var decidedOn = fetched.Aggregate is { } aggregate && stream.DecidesOn is { } on ? await on(session, aggregate, ct) : fetched.Aggregate;

        Decided<TAnswer>? decided = null;
        RuleViolation? violated = null;
        try { decided = decide(decidedOn, version); }
        catch (RuleViolation violation) { violated = violation; }
        if (decided is Decided<TAnswer>.Refused refused) return refused.Problem;
        // After the refusal, so a stream the caller may not see stays a 404 whatever it sends; before the rules, so a
        // stale If-Match is a 412 whatever the command would break.
        if (ifMatch is { } expected && expected != version)
            return Problems.PreconditionFailed(version);
        if (violated is not null) return Problems.RuleViolated(violated);
        var decision = ((Decided<TAnswer>.To)decided!).Decision;

        var stored = decision.Answer.Store(version + decision.Events.Count);
        if (imported is { DryRun: true })
        {
            // Every rule held on the stream as it is; the session ends without saving, so its transaction rolls back.
            imported.Outcome = ImportedOutcome.WouldWrite;
            return TAnswer.Of(stored, replayed: false);
        }
        // In the batch after the events: the key's primary key backs the lock against a writer that bypasses it.
        if (idempotent is not null) session.QueueOperation(new QueuedStatement(IdempotencyKeys.Record(idempotent, stored)));
        fetched.AppendMany(decision.Events);
        // Enrolled in this session: the notifications and their messages commit with the events or not at all.
        await Notifications.NotificationOutbox.EnrolAsync(messaging, db, session, decision.Notifications, decision.FollowUps, ct);
        try
        {
            await events.SaveAsync(session, stream.Tenant, stream.Id, version, ct);
            if (imported is not null) imported.Outcome = ImportedOutcome.Written;
            return TAnswer.Of(stored, replayed: false);
        }
        catch (StreamConflictException conflict)
        {
            if (await LostRaceAsync<TAnswer>(idempotent, ct) is { } winner) return Replayed(winner, imported);
            if (!lastAttempt) return null;
            return ifMatch is not null
                ? Problems.PreconditionFailed(conflict.ActualVersion)
                : Problems.Conflict($"{stream.Subject} was changed by someone else at the same time (now version {conflict.ActualVersion}); read it again and retry.");
        }
        catch (PostgresException e) when (idempotent is not null && IdempotencyKeys.LostRace(e))
        {
            if (await LostRaceAsync<TAnswer>(idempotent, ct) is { } winner) return Replayed(winner, imported);
            return Problems.Conflict("A request with this Idempotency-Key is being processed; retry.");
        }
        catch (PostgresException e) when (decision.DatabaseRefusal(e) is { } answer)
        {
            return answer;
        }
    }

    /// <summary>
    /// PostgreSQL rolled the transaction back and said so (class 40: a deadlock, a serialization failure), however wrapped;
    /// or Marten's replay of a batch whose transaction was rolled back under it was refused (<see cref="CallerTransaction"/>).
    /// </summary>
    internal static bool RolledBack(Exception? e) => e switch
    {
        null => false,
        CallerTransactionLostException => true,
        PostgresException refusal => refusal.SqlState.StartsWith("40", StringComparison.Ordinal),
        AggregateException all => all.InnerExceptions.Any(RolledBack),
        _ => RolledBack(e.InnerException),
    };

    /// <summary>A stored first answer (not a 422 for a reused key): for an imported row, "already there".</summary>
    private static Results<TAnswer, ProblemHttpResult> Replayed<TAnswer>(Results<TAnswer, ProblemHttpResult> answer, ImportedWrite? imported)
        where TAnswer : IWrittenAnswer<TAnswer>
    {
        if (imported is not null && answer.Result is TAnswer) imported.Outcome = ImportedOutcome.AlreadyThere;
        return answer;
    }

    /// <summary>
    /// The stream's lock, held until the transaction ends: the session's transaction begins here, on the connection the
    /// fetch and the append use. Keyed by a 64-bit hash of tenant and stream; two streams sharing a hash only wait for
    /// each other. Also taken by the service's own writes to a stream (Pso/PsoReapplication).
    /// </summary>
    internal static async Task LockAsync<TDocument>(Marten.IDocumentSession session, LedgerStream<TDocument> stream, CancellationToken ct)
        where TDocument : class
    {
        await session.BeginTransactionAsync(ct);
        await StreamLock.TakeAsync(session.Connection!, stream.Tenant.Value, stream.Id.Value, ct);
    }

    /// <summary>
    /// Another stream's lock, shared, held until the transaction ends (<see cref="ReadUnderLock"/>): the same key as
    /// <see cref="LockAsync{TDocument}"/> takes exclusively for that stream's writers. Taken after this write's own lock; no
    /// writer takes them the other way round (a stream's writer takes no lock of a stream that shares it), so no cycle.
    /// </summary>
    private static async Task LockSharedAsync(Marten.IDocumentSession session, MunicipalityCode tenant, StreamId other, CancellationToken ct)
    {
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))";
        command.Parameters.Add(new NpgsqlParameter { Value = StreamLock.Key(tenant.Value, other.Value) });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<Results<TAnswer, ProblemHttpResult>?> ReplayAsync<TAnswer>(IdempotentRequest request, CancellationToken ct)
        where TAnswer : IWrittenAnswer<TAnswer>
    {
        var (stored, reused) = await IdempotencyKeys.FindAsync(db, request, ct);
        if (reused is not null) return reused;
        if (stored is not null) return TAnswer.Of(stored, replayed: true);
        return null;
    }

    /// <summary>After a lost race: the winner's answer when it carried the same Idempotency-Key, else null.</summary>
    private Task<Results<TAnswer, ProblemHttpResult>?> LostRaceAsync<TAnswer>(IdempotentRequest? request, CancellationToken ct)
        where TAnswer : IWrittenAnswer<TAnswer> =>
        request is null ? Task.FromResult<Results<TAnswer, ProblemHttpResult>?>(null) : ReplayAsync<TAnswer>(request, ct);
}
