using Marten;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Reading the document of a stream that a municipality has one of (its SROI policy, its building-block table): in
/// that municipality's tenant, or — for data every role may read — across all of them.
/// </summary>
public static class MunicipalityDocuments
{
    /// <summary>The municipality's document of <paramref name="stream"/>; null when the stream has none yet.</summary>
    public static async Task<TDocument?> LoadAsync<TDocument>(IDocumentStore store, MunicipalityCode municipality, StreamId stream, CancellationToken ct)
        where TDocument : class
    {
        await using var session = store.QuerySession(municipality.Value);
        return await session.LoadAsync<TDocument>(stream.Value, ct);
    }

    /// <summary>The one municipality's document (when named), else every municipality's.</summary>
    public static async Task<IReadOnlyList<TDocument>> OneOrAllAsync<TDocument>(
        IDocumentStore store, MunicipalityCode? municipality, Func<MunicipalityCode, StreamId> streamOf, CancellationToken ct)
        where TDocument : class
    {
        if (municipality is { } one)
            return await LoadAsync<TDocument>(store, one, streamOf(one), ct) is { } document ? [document] : [];
        await using var session = store.QuerySession();
        return await session.Query<TDocument>().Where(d => d.AnyTenant()).ToListAsync(ct);
    }
}
