using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Policies;

/// <summary>A municipality's policy versions are one stream, so a new version is decided against all earlier ones.</summary>
public static class PolicyEvents
{
    public const string VersionAdded = "sroi-policy.version-added.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(SroiPolicyVersionAdded), VersionAdded)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"sroi-policy-{municipality}");

    public static SroiPolicyVersionAdded Deserialize(RecordedEvent e) => e.EventType == VersionAdded
        ? EventJson.Deserialize<SroiPolicyVersionAdded>(e.Data)
        : throw new InvalidOperationException($"Unknown policy event type '{e.EventType}'.");

    public static async Task<(SroiPolicyHistory History, long Version)> LoadAsync(LedgerEvents store, MunicipalityCode municipality, CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(municipality, StreamOf(municipality), ct: ct);
        var history = recorded.Select(Deserialize).Aggregate(SroiPolicyHistory.Empty, SroiPolicyDecider.Evolve);
        return (history, recorded.Count == 0 ? 0 : recorded[^1].StreamVersion);
    }

    /// <summary>Decides the commands in order: the append (events and inline projection) and the versions it adds.</summary>
    public static (AppendRequest Append, IReadOnlyList<SroiPolicyVersion> Added) Decide(
        MunicipalityCode municipality, SroiPolicyHistory history, long version, IEnumerable<AddSroiPolicyVersion> commands, EventMetadata metadata)
    {
        var added = new List<SroiPolicyVersionAdded>();
        foreach (var command in commands)
        {
            var e = SroiPolicyDecider.Decide(command, history);
            history = SroiPolicyDecider.Evolve(history, e);
            added.Add(e);
        }
        var append = new AppendRequest(municipality, StreamOf(municipality), version, [.. added], metadata)
        {
            SameTransaction = [.. added.Select(e => PolicyProjection.Insert(e.Policy))],
        };
        return (append, [.. added.Select(e => e.Policy)]);
    }
}
