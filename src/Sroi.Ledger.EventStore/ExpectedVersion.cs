namespace Sroi.Ledger.EventStore;

/// <summary>What the writer believes the stream's version is; the append fails if it is wrong.</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyMarker = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>Append whatever the version is (the store locks the stream row to find it).</summary>
    public static ExpectedVersion Any { get; } = new(AnyMarker);

    /// <summary>The stream must be exactly at <paramref name="version"/> (0 means it must not exist).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version));

    /// <summary>0 for "no stream", the version otherwise; -1 for <see cref="Any"/>.</summary>
    public long Value { get; }

    public bool IsAny => Value == AnyMarker;

    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString();
}
