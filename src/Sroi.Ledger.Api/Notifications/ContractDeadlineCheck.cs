using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// "Look at this contract's deadlines": sent when a change moves them (<paramref name="Timer"/> false) and scheduled, as
/// a durable Wolverine message, for the next day something may fall due (<paramref name="Timer"/> true).
/// <paramref name="Generation"/> names the deadlines it was made for (<see cref="GenerationOf"/>): a check whose
/// generation is no longer the contract's is dropped, because the change that moved them sent a check of its own — so a
/// contract has one live chain of checks, and a plain report (which moves no deadline) sends none.
/// </summary>
public sealed record ContractDeadlineCheck(string Municipality, Guid ContractId, string Generation, bool Timer)
{
    /// <summary>
    /// What the contract's deadlines depend on besides the date: its term, the first day behind (which moves with what is
    /// accepted) and a fixed status (settled, fulfilled, not applicable).
    /// </summary>
    public static string GenerationOf(ContractState contract, ContractBalance balance) =>
        $"{contract.StartsOn:yyyy-MM-dd}/{contract.EndsOn:yyyy-MM-dd}/{balance.BehindFrom:yyyy-MM-dd}/{balance.FixedStatus}";
}
