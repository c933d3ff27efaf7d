using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Policies;

/// <summary>
/// What a contract owes in social return, with the policy version that produced it and a readable reason.
/// Recorded in the events, so replaying history never depends on today's policy data.
/// </summary>
public sealed record Obligation(bool Applies, decimal Percentage, Money Amount, string? PolicyVersion, string Reason);

/// <summary>
/// How a contract's obligation is decided, fixed at registration: by the policy in force on the award
/// date, by a percentage procurement set, or not at all (exempted). "Pas toe of leg uit".
/// </summary>
public abstract record ObligationBasis
{
    private ObligationBasis() { }

    public abstract Obligation For(Money contractValue, ContractCategory category);

    /// <summary>The policy's percentage applies from its threshold for the contract's category.</summary>
    public sealed record Policy(string PolicyVersion, decimal Percentage, Money Threshold) : ObligationBasis
    {
        public override Obligation For(Money contractValue, ContractCategory category) =>
            contractValue >= Threshold
                ? new(true, Percentage, contractValue.Percent(Percentage), PolicyVersion,
                    $"Contract value {contractValue} is at or above the threshold {Threshold} for {Name(category)} " +
                    $"under policy {PolicyVersion}: {Percentage}% applies.")
                : new(false, 0m, Money.Zero, PolicyVersion,
                    $"Contract value {contractValue} is below the threshold {Threshold} for {Name(category)} under policy {PolicyVersion}.");
    }

    /// <summary>Procurement set the percentage itself; it applies whatever the value.</summary>
    public sealed record SetByProcurement(decimal Percentage, string? PolicyVersion, string Explanation) : ObligationBasis
    {
        public override Obligation For(Money contractValue, ContractCategory category) =>
            new(Percentage > 0, Percentage, contractValue.Percent(Percentage), PolicyVersion,
                $"Percentage {Percentage}% set by procurement: {Explanation}");
    }

    /// <summary>Procurement exempted the contract, with a written reason.</summary>
    public sealed record Exempted(string ExemptionReason, string? PolicyVersion) : ObligationBasis
    {
        public override Obligation For(Money contractValue, ContractCategory category) =>
            new(false, 0m, Money.Zero, PolicyVersion, $"Exempted by procurement: {ExemptionReason}");
    }

    private static string Name(ContractCategory category) => category.ToString().ToLowerInvariant();
}
