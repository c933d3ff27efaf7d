using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The stream a write goes to: its tenant (the municipality's Marten session), its id, and the document Marten folds it
/// into inline (<typeparamref name="TDocument"/>), which the decision is taken on.
/// </summary>
/// <param name="Subject">What the stream is, for a 409's words: "Contract …", "Candidate …".</param>
public sealed record LedgerStream<TDocument>(MunicipalityCode Tenant, StreamId Id, string Subject) where TDocument : class
{
    /// <summary>What the decision reads besides the stream, read again once the stream is locked (null: nothing).</summary>
    public ReadUnderLock? Reads { get; init; }

    /// <summary>
    /// The document the decision is taken on, made from the fetched one in the write's session, under the stream's lock
    /// (null: the fetched one). A contract's decision reads only the reports its command needs (issue 23:
    /// <see cref="Contracts.ContractReports"/>). The fetched document itself is left as it is: Marten folds the new events
    /// onto the stored document, not onto this one.
    /// </summary>
    public Func<Marten.IDocumentSession, TDocument, CancellationToken, Task<TDocument>>? DecidesOn { get; init; }
}

/// <summary>
/// A read a decision depends on that lives outside its stream (a programme's terms for an enrolment on a candidate's
/// stream; the enrolments on the candidates' streams for a programme's amendment), done after the stream's lock is taken
/// so it sees what the writers queued before committed. With <see cref="Shares"/>, the write also holds a shared lock on
/// that other stream until it commits: its writers (who take that stream's lock exclusively) wait for it, and it waits
/// for them, so a decision never rests on a read another write is changing at the same moment.
/// </summary>
/// <param name="Shares">The other stream (same tenant) whose writers this write must not overlap; null: the read needs no lock.</param>
/// <param name="ReadAsync">Reads what the decision needs; called on every attempt, after the locks.</param>
public sealed record ReadUnderLock(StreamId? Shares, Func<CancellationToken, Task> ReadAsync);

/// <summary>
/// The events a command decided and the answer that goes with them (<see cref="Written{T}"/> or <see cref="WrittenNew{T}"/>;
/// the write function adds the ETag of the new version and stores it for an Idempotency-Key's replay).
/// </summary>
public sealed record Decision<TAnswer>(IReadOnlyList<object> Events, TAnswer Answer)
{
    /// <summary>The signals the events raise: recorded and handed to Wolverine's outbox in the events' transaction.</summary>
    public IReadOnlyList<Notifications.Notification> Notifications { get; init; } = [];

    /// <summary>Messages to handle once the events are committed (a contract's deadline check), sent through the same outbox.</summary>
    public IReadOnlyList<object> FollowUps { get; init; } = [];

    /// <summary>
    /// A refusal the database decides inside the append's transaction (a read model's unique index: a duplicate reference,
    /// an invoice counted twice), as the answer it is; null lets the exception through.
    /// </summary>
    public Func<PostgresException, ProblemHttpResult?> DatabaseRefusal { get; init; } = _ => null;
}

/// <summary>
/// What deciding on the fetched document gave: a refusal before any rule (404: the stream, or the part of it the command
/// is about, is not there for the caller) or the decision. A broken rule is thrown (<see cref="RuleViolation"/>) and
/// answered 422 after the If-Match check.
/// </summary>
public abstract record Decided<TAnswer>
{
    private Decided() { }

    public sealed record Refused(ProblemHttpResult Problem) : Decided<TAnswer>;

    public sealed record To(Decision<TAnswer> Decision) : Decided<TAnswer>;

    public static implicit operator Decided<TAnswer>(ProblemHttpResult problem) => new Refused(problem);

    public static implicit operator Decided<TAnswer>(Decision<TAnswer> decision) => new To(decision);
}
