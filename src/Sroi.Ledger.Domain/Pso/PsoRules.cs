using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Pso;

/// <summary>A percentage for one PSO level.</summary>
public sealed record PsoPercentage(PsoLevel Level, decimal Percentage);

/// <summary>
/// What a policy version does with PSO certificates; each part is optional (empty: no effect), and a level a part does
/// not name has none. <see cref="Reductions"/>: the obligation of a contractor holding a certificate of that level is
/// reduced by the percentage for the days the certificate is valid. <see cref="PurchaseShares"/>: a social purchase from
/// a supplier holding a certificate of that level on the invoice date counts at least at the percentage of its amount.
/// </summary>
public sealed record PsoRules(IReadOnlyList<PsoPercentage> Reductions, IReadOnlyList<PsoPercentage> PurchaseShares)
{
    public decimal ReductionFor(PsoLevel level) => Reductions.FirstOrDefault(r => r.Level == level)?.Percentage ?? 0m;

    public decimal PurchaseShareFor(PsoLevel level) => PurchaseShares.FirstOrDefault(r => r.Level == level)?.Percentage ?? 0m;

    public bool HasEffect => Reductions.Count > 0 || PurchaseShares.Count > 0;

    /// <summary>Each percentage above 0, at most 100, two decimals; each level once per part.</summary>
    public void Check()
    {
        Check(Reductions, "pso.reductions");
        Check(PurchaseShares, "pso.purchaseShares");
    }

    private static void Check(IReadOnlyList<PsoPercentage> part, string field)
    {
        for (var i = 0; i < part.Count; i++)
        {
            if (part[i].Percentage is <= 0 or > 100 || decimal.Round(part[i].Percentage, 2) != part[i].Percentage)
                throw new RuleViolation("sroi-policy.pso-percentage-out-of-range", "A PSO percentage lies above 0 and at most 100, two decimals at most.",
                    $"{field}[{i}].percentage");
            if (part.Take(i).Any(p => p.Level == part[i].Level))
                throw new RuleViolation("sroi-policy.pso-level-twice", $"Each PSO level once in {field}.", $"{field}[{i}].level");
        }
    }
}
