using System.Runtime.CompilerServices;
using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Keeps Marten from committing a session's batch in a transaction other than the one its caller began and worked in.
/// <para>
/// Why: Marten reads the error of every statement of its batch, a trailing one that returns nothing too (Npgsql's reader
/// reads up to the batch's end when Marten moves past the last result or closes it; EventLog.Tests
/// <c>TrailingStatementFailureTests</c>). But its commit path (<c>DocumentSessionBase.ExecuteBatchAsync</c>, Marten 9.59)
/// runs the batch under its write resilience pipeline, which on a SQLSTATE it counts as "rolled back, may pass next time"
/// (<c>WriteRetryClassifier</c>: 40P01, 55P03, 53xxx, 57P03, …) rolls back and replays the same operations in a NEW
/// transaction. For a session whose caller began the transaction (<c>BeginTransactionAsync</c>) and worked in it first —
/// a stream's lock taken, the document read under it, the rebuild's raw batch of report rows — that rollback took the
/// caller's work and locks with it, and the replay then committed Marten's part alone: without the lock, decided on what
/// the lock protected, the raw rows gone. No exception, so the caller answered 200 (session 36's "silent rollback" of a
/// rebuild batch, Admin/RebuildBatchRollbackTests, was this replay: the deadlock was read and then hidden by it).
/// </para>
/// <para>
/// How: <see cref="Writing.StreamLock"/> — the lock every such caller takes first (the writer, the rebuild, the back-fill)
/// — marks the connection's transaction: a transaction-local setting (<c>set_config(…, true)</c>, in the lock's own
/// statement, so no round trip), undone by any rollback, and the same mark remembered for the connection here. Before a
/// save, the store's listener (<see cref="Listener"/>, LedgerStoreOptions) notes the mark of the session's connection; before
/// Marten commits, the session's transaction participant (<see cref="Guard"/>) reads the setting in the committing
/// transaction: one that no longer carries the mark is a replay, refused with <see cref="CallerTransactionLostException"/>. Marten rolls the replay back
/// and, the exception being none of its retryable ones, throws it; the caller decides again from its lock
/// (<see cref="Writing.LedgerWriter.RolledBack"/> counts it as rolled back). A session nobody began a transaction for is
/// Marten's alone: its replay is whole, and allowed. The cost: one round trip at the commit of a marked session.
/// </para>
/// </summary>
public static class CallerTransaction
{
    /// <summary>The transaction-local setting that carries the mark (a custom placeholder: any dotted name).</summary>
    public const string Setting = "sroi.caller_transaction";

    private static readonly ConditionalWeakTable<NpgsqlConnection, string> Marks = new();

    /// <summary>
    /// A fresh mark for <paramref name="connection"/>'s current transaction: the caller sets <see cref="Setting"/> to it,
    /// transaction-local, in the statement it sends next (<c>set_config('sroi.caller_transaction', mark, true)</c>).
    /// </summary>
    public static string NewMark(NpgsqlConnection connection)
    {
        var mark = Guid.NewGuid().ToString("N");
        Marks.AddOrUpdate(connection, mark);
        return mark;
    }

    /// <summary>
    /// Whether the session is inside a transaction its caller began (Marten's own test of it, internal to Marten 9:
    /// <c>QuerySession.HasSurvivingTransaction</c>). Asked because <c>session.Connection</c> of a session without one would
    /// begin one; found by reflection once, and a Marten without it fails every session's save loudly, never silently
    /// (TrailingStatementFailureTests).
    /// </summary>
    private static readonly Func<IDocumentSession, bool> HasCallersTransaction = Find();

    private static Func<IDocumentSession, bool> Find()
    {
        var property = typeof(Marten.Internal.Sessions.QuerySession).GetProperty("HasSurvivingTransaction",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        if (property?.PropertyType != typeof(bool))
            return _ => throw new InvalidOperationException(
                "Marten's QuerySession.HasSurvivingTransaction is gone: EventLog/CallerTransaction must find a caller's transaction another way.");
        return session => session is Marten.Internal.Sessions.QuerySession query && (bool)property.GetValue(query)!;
    }

    /// <summary>
    /// Before each save (once, before Marten's attempts): the mark of the transaction the caller began, if it took a stream's
    /// lock in it, for the session's <see cref="Guard"/> (registered once per session, as CommitSigner its signing). The
    /// connection is looked at now: Marten disposes it with a rolled-back transaction and replays on a new one.
    /// </summary>
    public sealed class Listener : DocumentSessionListenerBase
    {
        private readonly ConditionalWeakTable<IDocumentSession, Guard> guards = new();

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            var guard = guards.GetValue(session, s =>
            {
                var created = new Guard();
                ((ITransactionParticipantRegistrar)s).AddTransactionParticipant(created);
                return created;
            });
            guard.Mark = HasCallersTransaction(session) && Marks.TryGetValue(session.Connection, out var mark) ? mark : null;
            return Task.CompletedTask;
        }
    }

    /// <summary>Runs in every commit attempt, after Marten's batch, before the commit (see <see cref="CallerTransaction"/>).</summary>
    public sealed class Guard : ITransactionParticipant
    {
        /// <summary>The mark of the caller's transaction this save must commit in; null: Marten's alone.</summary>
        public string? Mark { get; set; }

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            if (Mark is null) return;
            await using var command = new NpgsqlCommand($"SELECT current_setting('{Setting}', true)", connection, transaction);
            if (await command.ExecuteScalarAsync(token) as string != Mark)
                throw new CallerTransactionLostException();
        }
    }
}

/// <summary>
/// Marten was about to commit a session's batch in a transaction other than the one its caller began and locked: the
/// first was rolled back under the batch (a deadlock, a lock timeout) and Marten replayed the batch alone. Nothing was
/// committed; the caller decides again from its lock.
/// </summary>
public sealed class CallerTransactionLostException() : Exception(
    "The database rolled back the transaction this write began (and took its locks in) while committing it, and Marten replayed " +
    "its batch in a new transaction without them; that replay was refused and nothing was recorded. Decide again from the lock.");
