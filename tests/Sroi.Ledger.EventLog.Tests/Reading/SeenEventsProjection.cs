using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.EventLog.Tests.Reading;

/// <summary>One document per event the async daemon handed to the projection: which events it saw, and how often.</summary>
public sealed class SeenEvent
{
    public Guid Id { get; set; }
    public string Tenant { get; set; } = "";
    public string StreamKey { get; set; } = "";
    public long Sequence { get; set; }
    public long Version { get; set; }
    public int Times { get; set; }
}

/// <summary>
/// A test-only async projection over the ledger's events. It stores one <see cref="SeenEvent"/> per event (keyed by
/// the event's id, so a replay overwrites rather than adds), counting in <see cref="SeenEvent.Times"/> how often the
/// daemon delivered it within a batch.
/// </summary>
public sealed class SeenEventsProjection : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var group in events.GroupBy(e => e.Id))
        {
            var e = group.First();
            operations.Store(new SeenEvent
            {
                Id = e.Id, Tenant = e.TenantId, StreamKey = e.StreamKey ?? "", Sequence = e.Sequence, Version = e.Version,
                Times = group.Count(),
            });
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The ledger's store configuration (<see cref="LedgerStoreOptions.Configure"/>) plus this projection, run by the
    /// async daemon, with the daemon's high-water timings shortened so a test sees several polls per second.
    /// </summary>
    public static DocumentStore Store(NpgsqlDataSource pool, string projectionName, Action<ProjectionOptions>? daemon = null)
    {
        var options = LedgerStoreOptions.Configure(new StoreOptions(), pool);
        options.Projections.Add(new SeenEventsProjection(), ProjectionLifecycle.Async, projectionName);
        // The service's store never changes the schema (its owner applies it at start); this test store makes its own table.
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
        // A gap in mt_events' sequence is "stale" after this long; the default is 3 s. Short, so that a daemon that
        // skipped stale gaps by the clock alone would skip a late commit within the test.
        options.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(300);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        daemon?.Invoke(options.Projections);
        return new DocumentStore(options);
    }

    public static async Task<IReadOnlyList<SeenEvent>> SeenAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        // Documents are kept per municipality (conjoined tenancy): the events' own, whichever that is.
        return await session.Query<SeenEvent>().Where(seen => seen.AnyTenant()).ToListAsync();
    }
}
