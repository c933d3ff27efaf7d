namespace Sroi.Ledger.Api.Database;

/// <summary>
/// The connection to the database broke while a write was being committed: it may or may not have been recorded.
/// Answered as a 503 that says so; a client that sent an Idempotency-Key retries with it and gets the first answer
/// if it was recorded, or a fresh one if not.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception cause)
    : Exception("The connection to the database broke during the commit; the write may or may not have been recorded.", cause);
