using Npgsql;

namespace Sroi.Ledger.EventStore;

/// <summary>
/// Events for one stream, and the read-model statements that must commit with them (inline projections).
/// The statements run in the same transaction and round trip, after the events; if one fails, nothing
/// is written.
/// </summary>
public sealed record AppendRequest(
    StreamId StreamId,
    string StreamType,
    ExpectedVersion Expected,
    IReadOnlyList<NewEvent> Events)
{
    public IReadOnlyList<NpgsqlBatchCommand> SameTransaction { get; init; } = [];
}

/// <summary>The stream's version after the append, and the last event's global position.</summary>
public sealed record AppendResult(long NewVersion, long LastPosition);
