namespace Sroi.Ledger.Api.Writing;

/// <summary>What <see cref="LedgerWriter"/> did with an imported row's write.</summary>
public enum ImportedOutcome
{
    /// <summary>Refused (the endpoint's answer says why), or not written yet.</summary>
    None,
    Written,
    /// <summary>The row's idempotency key was used before: the first answer, nothing appended.</summary>
    AlreadyThere,
    /// <summary>Dry run: decided on the stream as it is, every rule passed, nothing appended.</summary>
    WouldWrite,
}

/// <summary>
/// A write made by the import (Importing/) rather than by a request. The import calls the very endpoint handler an
/// HTTP request reaches, so the validation and the rules are the endpoint's and not a copy; what differs is carried
/// here, ambiently (the handlers' signatures stay as they are): the reason recorded in the events' metadata ("import
/// file row N"), and in a dry run a write that decides and then rolls back instead of appending.
/// </summary>
public sealed class ImportedWrite(string reason, bool dryRun)
{
    private static readonly AsyncLocal<ImportedWrite?> Ambient = new();

    /// <summary>The imported row whose write runs on this flow, or null for a request.</summary>
    public static ImportedWrite? Current => Ambient.Value;

    public string Reason { get; } = reason;

    public bool DryRun { get; } = dryRun;

    public ImportedOutcome Outcome { get; internal set; }

    /// <summary>
    /// The row's write runs on this flow until the returned scope is disposed. Synchronous on purpose: an AsyncLocal set
    /// in a synchronous method stays set for its caller, and flows into everything the caller awaits.
    /// </summary>
    public static IDisposable Begin(ImportedWrite write)
    {
        Ambient.Value = write;
        return new Scope();
    }

    /// <summary>The reason recorded: the import's, with the command's own (an SROI choice's) after it.</summary>
    public string ReasonWith(string? own) => own is null ? Reason : $"{Reason}: {own}";

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Ambient.Value = null;
    }
}
