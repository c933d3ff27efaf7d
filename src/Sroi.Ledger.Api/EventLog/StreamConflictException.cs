namespace Sroi.Ledger.Api.EventLog;

/// <summary>The stream was not at the expected version: another writer got there first.</summary>
public sealed class StreamConflictException(StreamId streamId, long expectedVersion, long actualVersion, Exception inner)
    : Exception($"Stream {streamId} was expected at version {expectedVersion} but is at version {actualVersion}.", inner)
{
    public StreamId StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>0 when the stream does not exist.</summary>
    public long ActualVersion { get; } = actualVersion;
}
