using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using Sroi.Ledger.Api.Auditing.Checkpoints;

namespace Sroi.Ledger.Api.Auditing.CommitSignatures;

/// <summary>
/// Signs every commit's new chain heads in the commit's own transaction. A listener on the store (LedgerStoreOptions), so
/// every session that appends events is covered — the HTTP writes, Wolverine's handlers, the seeding (a command has no key and appends nothing) —
/// without any of them having to remember it. Before a save, it notes the streams the session appends to; Marten then
/// runs the batch (the chain trigger writes each event's hash), and before the commit a transaction participant reads the
/// new heads from sroi_event_hashes and inserts their signatures (<see cref="CommitSignatureTable"/>). The events, their
/// hashes and the signatures commit together or not at all. The key is read when first needed, so a command that never
/// appends (codegen) never touches it.
/// </summary>
public sealed class CommitSigner(Func<CheckpointKey> key) : DocumentSessionListenerBase
{
    private readonly Lazy<CheckpointKey> key = new(key);

    // One participant per session, registered on its first save that appends: Marten keeps a session's participants until
    // it is disposed, so a later save of the same session reuses it with that save's streams (none: it does nothing).
    private readonly ConditionalWeakTable<IDocumentSession, HeadSigning> signings = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0 && !signings.TryGetValue(session, out _)) return Task.CompletedTask;
        var signing = signings.GetValue(session, s =>
        {
            var participant = new HeadSigning(key);
            ((ITransactionParticipantRegistrar)s).AddTransactionParticipant(participant);
            return participant;
        });
        signing.Streams = [.. streams.Select(s => (s.TenantId ?? session.TenantId, s.Key ?? s.Id.ToString())).Distinct()];
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs after Marten's batch and before its commit. Marten may run it again on a fresh transaction when it retries the
    /// commit: it keeps nothing of its own, so doing it again is doing it right.
    /// </summary>
    private sealed class HeadSigning(Lazy<CheckpointKey> key) : ITransactionParticipant
    {
        public IReadOnlyList<(string Tenant, string Stream)> Streams { get; set; } = [];

        public Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token) =>
            Streams.Count == 0 ? Task.CompletedTask
                : CommitSignatureTable.SignHeadsAsync(connection, transaction, [.. Streams], SignedHead.Commit, key.Value, token);
    }
}
