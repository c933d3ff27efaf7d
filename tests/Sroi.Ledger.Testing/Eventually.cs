namespace Sroi.Ledger.Testing;

/// <summary>
/// Polls for a condition of something that runs on its own (Marten's daemon, its tombstone writer, Wolverine's queues, a
/// webhook delivery).
/// </summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null,
        Func<T, string>? describe = null)
    {
        // Test timing only: a generous bound on a wait, never a delay that an assertion relies on.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
                throw new TimeoutException($"Timed out waiting until {what}; last seen: {(describe is null ? value : describe(value))}");
            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(done()), d => d, what, timeout);
}
