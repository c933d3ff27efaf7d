using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>Loads a candidate's events, for deciding and for showing (a stream is a handful of events).</summary>
public sealed class CandidateReader(LedgerEvents store)
{
    public async Task<(IReadOnlyList<ICandidateEvent> Events, long Version)> LoadAsync(
        MunicipalityCode municipality, CandidateNumber number, CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(municipality, CandidateEventTypes.StreamOf(municipality, number), ct: ct);
        var events = recorded.Select(e => CandidateEventTypes.Deserialize(e.EventType, e.Data)).ToList();
        return (events, recorded.Count == 0 ? 0 : recorded[^1].StreamVersion);
    }
}
