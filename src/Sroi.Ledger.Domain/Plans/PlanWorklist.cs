using NodaTime;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>When a contract without an approved plan of approach is due one.</summary>
public static class PlanWorklist
{
    /// <summary>The municipalities agree the plan at the start: three months after the award it should be approved.</summary>
    public static readonly Period DueAfterAward = Period.FromMonths(3);

    /// <summary>
    /// The first day the contract is missing its approved plan: the award date plus <see cref="DueAfterAward"/>; null when a
    /// plan is in force, the contract owes no social return, is completed (no plan can be submitted then) or its obligation is settled. Whether the term still runs depends
    /// on the day, so the worklist judges that itself.
    /// </summary>
    public static LocalDate? MissingFrom(ContractState state) =>
        state.Exists && state.Obligation is { Applies: true } && state.Settlement is null && state.Status != ContractStatus.Completed
        && state.Plan.InForce is null
            ? state.AwardedOn.Plus(DueAfterAward)
            : null;
}
