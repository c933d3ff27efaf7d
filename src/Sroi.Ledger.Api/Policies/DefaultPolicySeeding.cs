using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Policies;

/// <summary>
/// Records Rijswijk's policy versions as events the first time the service starts on a database. Several
/// nodes starting at once race on the new stream; the losers' conflict means "already seeded".
/// </summary>
public static class DefaultPolicySeeding
{
    public static async Task SeedAsync(LedgerEvents store, CancellationToken ct)
    {
        var municipality = MunicipalityCode.Rijswijk;
        var stream = PolicyEvents.StreamOf(municipality);
        if (await store.StreamVersionAsync(municipality, stream, ct) > 0) return;

        var history = SroiPolicyHistory.Empty;
        var added = new List<object>();
        foreach (var command in DefaultPolicies.Rijswijk)
        {
            var e = SroiPolicyDecider.Decide(command, history);
            history = SroiPolicyDecider.Evolve(history, e);
            added.Add(e);
        }
        try
        {
            await store.AppendAsync(new AppendRequest(municipality, stream, 0, added,
                new EventMetadata("system:default-policy", Reason: "Policy shipped with the service (Rijswijk)")), ct);
        }
        catch (StreamConflictException) { /* seeded by another node a moment ago */ }
    }
}
