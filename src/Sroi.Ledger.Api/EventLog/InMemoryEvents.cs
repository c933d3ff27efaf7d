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
        // One buffer for every payload's UTF-8 (the serializer reads a stream), not an array of its own for each event.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            for (var i = 0; i < recorded.Count; i++)
            {
                var e = recorded[i];
                var type = Types.GetValueOrDefault(e.EventType) ?? throw new InvalidOperationException($"No event type is named '{e.EventType}'.");
                var most = System.Text.Encoding.UTF8.GetMaxByteCount(e.Data.Length);
                if (most > buffer.Length)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(most);
                }
                using var payload = new MemoryStream(buffer, 0, System.Text.Encoding.UTF8.GetBytes(e.Data, buffer), writable: false);
                events[i] = Wrapped(e, serializer.FromJson(type, payload));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return events;
    }

    private IEvent Wrapped(RecordedEvent e, object data)
    {
        var wrapped = graph.BuildEvent(data);
        wrapped.Id = e.EventId;
        wrapped.Sequence = e.Sequence;
        wrapped.Version = e.StreamVersion;
        wrapped.StreamKey = e.StreamId.Value;
        wrapped.TenantId = e.Tenant;
        wrapped.Timestamp = e.RecordedAt.ToDateTimeOffset();
        wrapped.CorrelationId = e.Metadata.CorrelationId;
        wrapped.CausationId = e.Metadata.CausationId;
        wrapped.UserName = e.Metadata.Actor;
        return wrapped;
    }
}
