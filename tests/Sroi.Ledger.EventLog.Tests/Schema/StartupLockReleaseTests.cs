using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.EventLog.Tests.Schema;

/// <summary>
/// A start takes the start-up lock (<see cref="StartupLock"/>) while it builds its store (issue 23: the lock's session
/// authenticates on another thread meanwhile). A store that fails to build must not leave the lock held: the next node
/// would wait for it for as long as the failed process lives.
/// </summary>
public class StartupLockReleaseTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    [Fact]
    public async Task A_store_that_fails_to_build_leaves_the_start_up_lock_free_for_the_next_node()
    {
        var start = () => LedgerDatabase.Existing(db.ConnectionString).PrepareAsync(db.LedgerPool,
            (Func<LedgerEvents>)(() => throw new InvalidOperationException("the store's configuration is broken")), CancellationToken.None);
        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("the store's configuration is broken");

        // The next node's start: the lock is free within moments (the failed start releases it as soon as it was taken).
        await using var other = new NpgsqlConnection(db.ConnectionString);
        await other.OpenAsync();
        var free = false;
        for (var attempt = 0; attempt < 50 && !free; attempt++)
        {
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({StartupLock.LockKey})", other);
            free = (bool)(await take.ExecuteScalarAsync())!;
            if (!free) await Task.Delay(100);
        }
        free.Should().BeTrue("the failed start released the start-up lock");
        await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLock.LockKey})", other);
        (await release.ExecuteScalarAsync()).Should().Be(true);
    }
}
