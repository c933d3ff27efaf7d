using Sroi.Ledger.Api.Auditing.Verification;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

// The `data` of the audit notifications (Notifications/SignalType: to the municipality's auditors and the admins). Part of
// the API: add members, never rename or remove one. `checkpoint.signed` carries the CheckpointResponse itself (id,
// municipality, position, createdAt, streams, keyFingerprint, payload, signature): the signed checkpoint, to keep.

/// <summary><c>checkpoint.refused</c>: why no checkpoint was signed, with the first <see cref="Checkpointer.DiscrepanciesInSignal"/> discrepancies.</summary>
public sealed record CheckpointRefusedData(string Code, string Reason, Guid? Against, int DiscrepancyCount, IReadOnlyList<Discrepancy> Discrepancies)
{
    public static CheckpointRefusedData Of(RefusedCheckpoint refused) => new(refused.Code, refused.Reason, refused.Against,
        refused.Discrepancies.Count, [.. refused.Discrepancies.Take(Checkpointer.DiscrepanciesInSignal)]);
}
