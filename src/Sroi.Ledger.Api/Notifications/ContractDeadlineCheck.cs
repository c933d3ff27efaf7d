using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// "Look at this contract's deadlines": sent when a change moves them (<paramref name="ScheduledOn"/> null) and scheduled,
/// as a durable Wolverine message, for the next day something may fall due (<paramref name="ScheduledOn"/>: the business
/// date of the check that scheduled it). A contract that fell behind after that date fell behind as the days passed, and
/// this check says so; one that was behind already was said to be so before (by the command or an earlier check).
/// <paramref name="Generation"/> names the deadlines it was made for (<see cref="GenerationOf"/>): a check whose
/// generation is no longer the contract's is dropped, because the change that moved them sent a check of its own — so a
/// contract has one live chain of checks, and a plain report (which moves no deadline) sends none.
/// </summary>
public sealed record ContractDeadlineCheck(string Municipality, Guid ContractId, string Generation, DateOnly? ScheduledOn)
{
    /// <summary>Whether a first day behind is this check's to raise: after the evaluation that scheduled it (a date, not NodaTime: Wolverine's own JSON carries the message).</summary>
    public bool RaisesBehindFrom(NodaTime.LocalDate firstDayBehind) =>
        ScheduledOn is { } from && firstDayBehind > NodaTime.LocalDate.FromDateOnly(from);

    /// <summary>
    /// What the contract's deadlines depend on besides the date: its term, the first day behind (which moves with what is
    /// accepted), a fixed status (settled, fulfilled, not applicable) and the plan in force (its lines' ends are judged).
    /// </summary>
    public static string GenerationOf(ContractState contract, ContractBalance balance) =>
        $"{contract.StartsOn:yyyy-MM-dd}/{contract.EndsOn:yyyy-MM-dd}/{balance.BehindFrom:yyyy-MM-dd}/{balance.FixedStatus}" +
        (contract.Plan.InForce is { } plan ? $"/plan-{plan.Revision}" : "");
}
