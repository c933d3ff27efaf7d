using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Auditing.History;

/// <summary>
/// What the municipality's newest signed checkpoint says of one stream, held to the stream as it is now (a history asked
/// "as known on" a moment: the newest signed at or before it, held to the events recorded by then): whether it lists
/// the stream (<see cref="Covers"/>), at which version, and whether it holds (<see cref="Holds"/>: the signature is the
/// service's and valid, <see cref="CheckpointComparison"/> finds nothing for this stream — same hash at that version,
/// no event lost, none slipped in behind the checkpoint — and the events up to that version still recompute to the hashes
/// stored, for the signed hash vouches only for the events it was computed from). Events after <see cref="Version"/> are newer than the checkpoint
/// and not yet covered by one; a history shows that per event.
/// </summary>
/// <param name="Signature"><c>valid</c>, <c>invalid</c>, <c>other-key</c> or <c>unreadable</c> (<see cref="StoredCheckpoint.Check"/>).</param>
/// <param name="Version">The stream's version the checkpoint lists; null when it does not list the stream.</param>
/// <param name="Discrepancies">What does not hold for this stream, by code and detail (the verification's words).</param>
public sealed record StreamCheckpoint(
    Guid Id, Instant CreatedAt, long Position, string Signature, bool Covers, long? Version, bool Holds,
    IReadOnlyList<Verification.Discrepancy> Discrepancies)
{
    /// <summary>
    /// The newest checkpoint of the municipality (signed at or before <paramref name="signedBy"/>, when given), for this
    /// stream's <paramref name="events"/>; null when none was signed (by then).
    /// </summary>
    public static async Task<StreamCheckpoint?> NewestAsync(
        NpgsqlDataSource db, CheckpointKey key, string municipality, string stream, IReadOnlyList<RecordedEvent> events, long? firstBrokenVersion,
        CancellationToken ct, Instant? signedBy = null)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if ((await CheckpointTable.NewestAsync(connection, null, municipality, ct, signedBy)).SingleOrDefault() is not { } stored) return null;
        var (signature, payload) = stored.Check(key);
        if (payload is null)
            return new StreamCheckpoint(stored.Id, stored.CreatedAt, stored.Position, signature, false, null, false, []);
        var head = payload.Streams.FirstOrDefault(s => s.Stream == stream);
        // Only this stream's line of the checkpoint, compared with only this stream: the others are the verification's.
        var discrepancies = CheckpointComparison.Compare(
            payload with { Streams = head is null ? [] : [head] },
            new Dictionary<string, IReadOnlyList<EventLink>> { [stream] = [.. events.Select(e => new EventLink(e.StreamVersion, e.Sequence, e.Hash))] }).ToList();
        if (head is not null && firstBrokenVersion is { } broken && broken <= head.Version)
            discrepancies.Add(new Verification.Discrepancy(stream, municipality, broken, "chain.broken",
                $"The events up to version {head.Version} no longer recompute to the hashes stored: the chain breaks at version {broken}."));
        return new StreamCheckpoint(stored.Id, stored.CreatedAt, stored.Position, signature, head is not null, head?.Version,
            signature == "valid" && head is not null && discrepancies.Count == 0, discrepancies);
    }
}
