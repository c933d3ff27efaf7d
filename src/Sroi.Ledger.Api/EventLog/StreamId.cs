namespace Sroi.Ledger.Api.EventLog;

/// <summary>The name of one stream, e.g. <c>contract-3f2c…</c>. Opaque to the store.</summary>
public readonly record struct StreamId
{
    public const int MaxLength = 200;

    /// <summary>
    /// Marten's placeholder stream: it fills the sequence number of a failed append (a 409, say) with a tombstone event. No
    /// chain link (event_chain.sql skips it), no signed head; nobody's event, so every check of the ledger leaves it out.
    /// </summary>
    public const string MartenTombstone = "mt_tombstone";

    public StreamId(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
            throw new ArgumentException($"A stream id is 1 to {MaxLength} characters.", nameof(value));
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
