using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Balance;

/// <summary>
/// GET /contracts/{id}/balance. Only accepted value counts as fulfilled. <see cref="Fulfilled"/> and
/// <see cref="PercentageFulfilled"/> repeat <see cref="Accepted"/> and <see cref="Percentage"/> for clients of the
/// first release, which named them so; <see cref="KnownOn"/> repeats <see cref="AsKnownOn"/> the same way.
/// </summary>
/// <param name="AsOf">The date the status is for: today, or the date of <paramref name="AsKnownOn"/>.</param>
/// <param name="AsKnownOn">When asked "as known on" a recorded moment: that moment; null for the balance now.</param>
/// <param name="Obligation">The obligation after the PSO reduction (<paramref name="Pso"/>); without one, the contract's own.</param>
/// <param name="ObligationBeforePso">The contract's own obligation, before any PSO reduction.</param>
/// <param name="Pso">What PSO did (issue 21), folded into the contract from its <c>contract.pso-applied.v1</c> events: null when PSO never
/// touched the contract (as known then).</param>
public sealed record BalanceResponse(
    Guid ContractId,
    LocalDate AsOf,
    Instant? AsKnownOn,
    BalanceStatus Status,
    bool ObligationApplies,
    Money Obligation,
    Money Accepted,
    Money Pending,
    Money Rejected,
    Money Remaining,
    decimal? Percentage,
    IReadOnlyDictionary<FulfilmentKind, KindTotals> ByKind,
    ObligationSettled? Settlement,
    LocalDate StartsOn,
    LocalDate EndsOn,
    Money Fulfilled,
    decimal? PercentageFulfilled,
    long Version,
    Money ObligationBeforePso,
    Pso.PsoBalanceResponse? Pso)
{
    public Instant? KnownOn => AsKnownOn;

    /// <summary>The plan of approach, planned against realised per line (in force and awaiting review); null parts when there is none.</summary>
    public required Plans.PlanBalance Plan { get; init; }
}
