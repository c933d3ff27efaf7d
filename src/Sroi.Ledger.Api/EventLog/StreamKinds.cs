using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
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
    Func<string, IEnumerable<IEvent>, object?> Evolve)
{
    public static StreamKind Of<TDocument, TFold>(string prefix) where TDocument : class where TFold : SingleStreamProjection<TDocument, string>, new()
    {
        var fold = new TFold();
        return new(prefix, typeof(TDocument),
            // The same projection that keeps the document inline, over the events as they are now.
            async (session, stream, ct) => await session.Events.AggregateStreamAsync<TDocument>(stream, token: ct),
            (store, db, ct) => MissingDocuments.FoldAsync<TDocument>(store, db, prefix, ct),
            // The projection's own Evolve over events already in memory (as ContractStatesAfter folds): no round trip.
            // The folds keep no state between calls, so one instance serves every caller at once.
            (stream, events) =>
            {
                TDocument? document = null;
                foreach (var e in events)
                    document = fold.Evolve(document, stream, e);
                return document;
            });
    }
}

public static class StreamKinds
{
    public static IReadOnlyList<StreamKind> All { get; } =
    [
        StreamKind.Of<Contracts.ContractDocument, Contracts.ContractFold>("contract-"),
        StreamKind.Of<Candidates.CandidateDocument, Candidates.CandidateFold>("candidate-"),
        StreamKind.Of<Policies.SroiPolicyDocument, Policies.SroiPolicyFold>("sroi-policy-"),
        StreamKind.Of<BuildingBlocks.BuildingBlockTableDocument, BuildingBlocks.BuildingBlockTableFold>("building-block-table-"),
        StreamKind.Of<Ambitions.AmbitionsDocument, Ambitions.AmbitionsFold>("ambition-"),
        StreamKind.Of<Programmes.ProgrammeDocument, Programmes.ProgrammeFold>("programme-"),
        StreamKind.Of<Pso.PsoCertificatesDocument, Pso.PsoCertificatesFold>(Pso.PsoEvents.Prefix),
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
