namespace Sroi.Ledger.EventLog.Tests;

/// <summary>Polls for a condition of something that runs on its own (Marten's daemon, its tombstone writer).</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        // Test timing only: a generous bound on a wait, never a delay that an assertion relies on.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}; last seen: {value}");
            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(done()), d => d, what, timeout);
}
