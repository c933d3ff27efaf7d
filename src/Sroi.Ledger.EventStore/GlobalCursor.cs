namespace Sroi.Ledger.EventStore;

/// <summary>
/// A position in the global log. Ordered by the writing transaction first, then the position, because
/// positions are handed out before commit: a transaction that commits late can hold a lower position
/// than events already visible.
/// </summary>
public readonly record struct GlobalCursor(ulong TransactionId, long Position)
{
    public static GlobalCursor Start { get; } = new(0, 0);
}
