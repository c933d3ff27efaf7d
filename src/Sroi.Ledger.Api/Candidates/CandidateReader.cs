using Marten;
using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>Reads a candidate's folded document, in the municipality's tenant: another municipality's candidate is not there.</summary>
public sealed class CandidateReader(IDocumentStore store)
{
    public async Task<CandidateDocument?> LoadAsync(MunicipalityCode municipality, CandidateNumber number, CancellationToken ct)
    {
        await using var session = store.QuerySession(municipality.Value);
        return await session.LoadAsync<CandidateDocument>(CandidateEventTypes.StreamOf(municipality, number).Value, ct);
    }

    /// <summary>
    /// The candidate as the ledger knew it on <paramref name="moment"/>: the same fold (<see cref="CandidateFold"/>) over the
    /// stream's events recorded by then; null when none was.
    /// </summary>
    public async Task<CandidateDocument?> KnownOnAsync(MunicipalityCode municipality, CandidateNumber number, Instant moment, CancellationToken ct)
    {
        await using var session = store.QuerySession(municipality.Value);
        return await session.Events.AggregateStreamAsync<CandidateDocument>(
            CandidateEventTypes.StreamOf(municipality, number).Value, timestamp: moment.ToDateTimeOffset(), token: ct);
    }
}
