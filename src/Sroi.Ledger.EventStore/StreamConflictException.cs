namespace Sroi.Ledger.EventStore;

/// <summary>The stream was not at the expected version: another writer got there first.</summary>
public sealed class StreamConflictException(StreamId streamId, ExpectedVersion expected, long actualVersion)
    : Exception($"Stream {streamId} was expected at {expected} but is at version {actualVersion}.")
{
    public StreamId StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;

    /// <summary>0 when the stream does not exist.</summary>
    public long ActualVersion { get; } = actualVersion;
}
