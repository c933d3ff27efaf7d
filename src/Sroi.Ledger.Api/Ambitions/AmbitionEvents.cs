using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>
/// A municipality's ambitions are one stream: <c>ambition.set.v1</c>, followed in the same append by
/// <c>ambition.kinds-set.v1</c> when the year has ambitions per placement kind.
/// </summary>
public static class AmbitionEvents
{
    public const string Set = "ambition.set.v1";
    public const string KindsSet = "ambition.kinds-set.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(AmbitionSet), Set), (typeof(AmbitionKindsSet), KindsSet)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"ambition-{municipality}");

    public static string Serialize(AmbitionSet e) => EventJson.Serialize(e);

    public static string Serialize(AmbitionKindsSet e) => EventJson.Serialize(e);

    public static AmbitionKindsSet DeserializeKindsSet(string json) => EventJson.Deserialize<AmbitionKindsSet>(json);

    public static AmbitionSet Deserialize(string type, string json) => type == Set
        ? EventJson.Deserialize<AmbitionSet>(json)
        : throw new InvalidOperationException($"Unknown ambition event type '{type}'.");
}
