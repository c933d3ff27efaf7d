namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// "Look at this contract's deadlines": sent after every change of the contract (<paramref name="Timer"/> false) and
/// scheduled, as a durable Wolverine message, for the next day something may fall due (<paramref name="Timer"/> true).
/// A check made for an older <paramref name="Version"/> than the contract's is dropped: each change starts a new chain of
/// checks, so a contract has one live check at a time.
/// </summary>
public sealed record ContractDeadlineCheck(string Municipality, Guid ContractId, long Version, bool Timer);
