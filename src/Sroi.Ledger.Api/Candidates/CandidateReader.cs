using Marten;
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
}
