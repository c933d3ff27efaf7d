using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;

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
        var (history, version) = await PolicyEvents.LoadAsync(store, municipality, ct);
        if (version > 0) return;
        try
        {
            var (append, _) = PolicyEvents.Decide(municipality, history, version, DefaultPolicies.Rijswijk,
                new EventMetadata("system:default-policy", Reason: "Policy shipped with the service (Rijswijk)"));
            await store.AppendAsync(append, ct);
        }
        catch (StreamConflictException) { /* seeded by another node a moment ago */ }
    }
}
