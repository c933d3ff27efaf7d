using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Idempotency;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The decided events (domain records; Marten stores each under its stable name; its inline projections fold the read
/// models from them in the same transaction) and the success answer. The writer adds the ETag of the new version.
/// </summary>
public sealed record Decision(
    IReadOnlyList<object> Events,
    int StatusCode,
    string? Location,
    string Body)
{
    /// <summary>The signals the events raise: recorded and handed to Wolverine's outbox in the events' transaction.</summary>
    public IReadOnlyList<Notifications.Notification> Notifications { get; init; } = [];

    /// <summary>Messages to handle once the events are committed (a contract's deadline check), sent through the same outbox.</summary>
    public IReadOnlyList<object> FollowUps { get; init; } = [];
}

public static class DecisionAnswers
{
    public static StoredResponse Response(this Decision decision, long newVersion) =>
        new(decision.StatusCode, decision.Location, HttpConventions.ETags.For(newVersion), decision.Body);
}

/// <summary>
/// One command on one stream whose fold Marten keeps as <typeparamref name="TDocument"/> (an inline projection): the
/// writer fetches the document for writing, <see cref="Decide"/> refuses (404) or decides on it, and the writer appends
/// the events at the version it fetched — the same document the API reads, folded once.
/// </summary>
/// <param name="Decide">
/// The document (null: the stream does not exist yet) and its version → an answer (404: it refuses before checking any
/// rule) or a decision. It may throw <see cref="Domain.Shared.RuleViolation"/>, which the writer answers with a 422 after
/// the If-Match check (a stale If-Match is a 412 first, as on the loading path).
/// </param>
public sealed record StreamWrite<TDocument>(
    string Subject,
    MunicipalityCode Tenant,
    StreamId Stream,
    byte[] Fingerprint,
    Func<TDocument?, long, Decided> Decide) where TDocument : class
{
    /// <summary>The command's written reason, recorded in the events' metadata.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// When another writer got there first and the caller sent no If-Match: fetch, decide and append again (for commands
    /// that stay valid whatever else happened to the stream, such as a new report). Without it such a request answers 409.
    /// </summary>
    public bool RetryOnConflict { get; init; }

    /// <summary>Turns a database refusal (a unique constraint of a read model) into an answer; null rethrows.</summary>
    public Func<PostgresException, IResult?> DatabaseRefusal { get; init; } = _ => null;
}

/// <summary>What deciding on a fetched document gave: an answer already (404, 422), or the decision to commit.</summary>
public abstract record Decided
{
    private Decided() { }

    public sealed record Refused(IResult Answer) : Decided;

    public sealed record To(Decision Decision) : Decided;

    public static implicit operator Decided(Decision decision) => new To(decision);
}
