using JasperFx.Events;
using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// A kind of stream, by the start of its name, and the document Marten folds it into inline. What needs every stream's
/// fold (the missing documents folded at start-up, the verification) goes through this list, so a new kind is added once.
/// </summary>
public sealed record StreamKind(
    string Prefix,
    Type DocumentType,
    Func<IQuerySession, string, CancellationToken, Task<object?>> FoldAsync,
    Func<IDocumentStore, NpgsqlDataSource, CancellationToken, Task<int>> FoldMissingAsync,
    Func<IQuerySession, IReadOnlyList<IEvent>, CancellationToken, Task<object?>> FoldEventsAsync,
    Func<IDocumentSession, string, CancellationToken, Task> RefoldAsync)
{
    public static StreamKind Of<TDocument>(string prefix) where TDocument : class => new(prefix, typeof(TDocument),
        // The same projection that keeps the document inline, over the events as they are now.
        async (session, stream, ct) => await session.Events.AggregateStreamAsync<TDocument>(stream, token: ct),
        (store, db, ct) => MissingDocuments.FoldAsync<TDocument>(store, db, prefix, ct),
        // The aggregator AggregateStreamAsync applies after reading the stream, applied to events already in memory (a
        // verification's ordered read): no round trip and no second deserialisation per stream (issue 23).
        async (session, events, ct) => events.Count == 0 ? null
            : await ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<TDocument>().BuildAsync(events, session, null, ct),
        // The online rebuild (Admin/ProjectionRebuild): the stream's document as its events fold now, written over what is
        // there (or gone, when they fold into nothing), in the session's transaction, which holds the stream's lock.
        async (session, stream, ct) =>
        {
            if (await session.Events.AggregateStreamAsync<TDocument>(stream, token: ct) is { } document) session.Store(document);
            else session.Delete<TDocument>(stream);
        });
}

public static class StreamKinds
{
    public static IReadOnlyList<StreamKind> All { get; } =
    [
        StreamKind.Of<Contracts.ContractDocument>("contract-"),
        StreamKind.Of<Candidates.CandidateDocument>("candidate-"),
        StreamKind.Of<Policies.SroiPolicyDocument>("sroi-policy-"),
        StreamKind.Of<BuildingBlocks.BuildingBlockTableDocument>("building-block-table-"),
        StreamKind.Of<Ambitions.AmbitionsDocument>("ambition-"),
        StreamKind.Of<Programmes.ProgrammeDocument>("programme-"),
        StreamKind.Of<Pso.PsoCertificatesDocument>(Pso.PsoEvents.Prefix),
    ];

    /// <summary>The kind of a stream by its name; null for a name no kind starts.</summary>
    public static StreamKind? Of(string streamId) => All.FirstOrDefault(k => streamId.StartsWith(k.Prefix, StringComparison.Ordinal));
}

/// <summary>
/// A fold that fails on what is stored — an event edited behind the ledger's back into a shape no Evolve reads — is a
/// finding to report, not a 500. The database being away is not caught: that stays the 503 it is everywhere.
/// </summary>
public static class UnfoldableEvents
{
    public static async Task<(T? Folded, string? Problem)> TryAsync<T>(Func<Task<T?>> fold, long upToVersion) where T : class
    {
        try
        {
            return (await fold(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not NpgsqlException && !Database.DatabaseFailure.IsUnavailable(e))
        {
            return (null, $"The events up to version {upToVersion} do not fold: {e.GetType().Name}: {e.Message}");
        }
    }
}
