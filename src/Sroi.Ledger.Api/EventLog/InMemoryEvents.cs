using JasperFx.Events;
using Marten;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Events already read (<see cref="RecordedEvent"/>: a verification's one ordered read) as the <see cref="IEvent"/>s Marten
/// would have read for the same rows: each payload deserialised by Marten's serializer into the type Marten maps its name
/// to, wrapped by Marten's event graph, with the row's stream, version, sequence, tenant, time and metadata. So a
/// projection's aggregator folds them without a second round trip (issue 23).
/// </summary>
public sealed class InMemoryEvents(IDocumentStore store)
{
    private readonly Marten.Events.EventGraph graph = (Marten.Events.EventGraph)((StoreOptions)store.Options).Events;
    private readonly Marten.ISerializer serializer = store.Options.Serializer();
    private Dictionary<string, Type>? types;

    /// <summary>The ledger's event types by the name Marten's event graph writes for each (mt_events.type).</summary>
    private Dictionary<string, Type> Types => types ??= LedgerEventTypes.All.ToDictionary(t => graph.EventMappingFor(t.Type).EventTypeName, t => t.Type);

    /// <summary>Throws where Marten could not read an event either (a name it maps to no type, a payload that does not read).</summary>
    public IReadOnlyList<IEvent> Of(IReadOnlyList<RecordedEvent> recorded)
    {
        var events = new IEvent[recorded.Count];
        for (var i = 0; i < recorded.Count; i++)
        {
            var e = recorded[i];
            var type = Types.GetValueOrDefault(e.EventType) ?? throw new InvalidOperationException($"No event type is named '{e.EventType}'.");
            using var payload = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(e.Data));
            var wrapped = graph.BuildEvent(serializer.FromJson(type, payload));
            wrapped.Id = e.EventId;
            wrapped.Sequence = e.Sequence;
            wrapped.Version = e.StreamVersion;
            wrapped.StreamKey = e.StreamId.Value;
            wrapped.TenantId = e.Tenant;
            wrapped.Timestamp = e.RecordedAt.ToDateTimeOffset();
            wrapped.CorrelationId = e.Metadata.CorrelationId;
            wrapped.CausationId = e.Metadata.CausationId;
            wrapped.UserName = e.Metadata.Actor;
            events[i] = wrapped;
        }
        return events;
    }
}
