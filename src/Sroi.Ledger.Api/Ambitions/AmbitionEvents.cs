using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>A municipality's ambitions are one stream; <c>ambition.set.v1</c> is its one event type.</summary>
public static class AmbitionEvents
{
    public const string Set = "ambition.set.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(AmbitionSet), Set)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"ambition-{municipality}");

    public static string Serialize(AmbitionSet e) => EventJson.Serialize(e);

    public static AmbitionSet Deserialize(string type, string json) => type == Set
        ? EventJson.Deserialize<AmbitionSet>(json)
        : throw new InvalidOperationException($"Unknown ambition event type '{type}'.");
}
