using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Pso;

/// <summary>
/// A run of days of a contract's term on which one certificate of its contractor, under one policy version, reduces the
/// obligation by <paramref name="Percentage"/>. The amount is not in it: the fold computes it from the obligation of the
/// moment, so an amendment of the contract value moves the reduction with it without a new PSO event.
/// </summary>
public sealed record PsoReductionTerm(LocalDate From, LocalDate To, int Certificate, PsoLevel Level, string? CertificateNumber,
    string PolicyVersion, decimal Percentage);

/// <summary>
/// A run of days on which a supplier's certificate, under one policy version, makes a social purchase invoiced on one of
/// those days count at <paramref name="Share"/>% of its amount excl. VAT.
/// </summary>
public sealed record PsoPurchaseTerm(KvkNumber Supplier, LocalDate From, LocalDate To, int Certificate, PsoLevel Level, string PolicyVersion,
    decimal Share);

/// <summary>
/// <c>contract.pso-applied.v1</c>: what PSO does to this contract from now on, decided from the certificates its
/// municipality's WSP recorded (the contractor's, and those of the suppliers of its social purchases) and the policy
/// versions, as the ledger knew them when it was appended. Each one replaces the one before it whole; an empty one says
/// PSO no longer does anything to the contract (a certificate withdrawn). The contract's fold computes the reduction and
/// the purchases' extra value from it (<see cref="PsoEffects"/>), so every figure of the contract rests on its own events.
/// </summary>
/// <param name="Cause">What made the ledger look again: "pso-certificate 12345678/1 recorded", "sroi-policy GM0772-v2 added", …</param>
public sealed record ContractPsoApplied(IReadOnlyList<PsoReductionTerm> Reductions, IReadOnlyList<PsoPurchaseTerm> Purchases, string Cause)
    : IContractEvent
{
    /// <summary>Whether the terms are the same as <paramref name="other"/>'s (the cause aside).</summary>
    public bool SameTermsAs(ContractPsoApplied? other) => other is null
        ? Reductions.Count == 0 && Purchases.Count == 0
        : Reductions.SequenceEqual(other.Reductions) && Purchases.SequenceEqual(other.Purchases);
}

/// <summary>
/// Decides whether a contract's PSO terms change, from the certificates and the policy versions as the ledger knows them
/// now. Pure: the caller reads the certificates (<paramref name="certificatesOf"/>: one organisation's in the contract's
/// municipality, null when none are recorded) and the policy history.
/// </summary>
public static class ContractPsoDecider
{
    /// <summary>
    /// The new terms, or null when nothing changes: the contract is not registered, is settled (its figures were decided
    /// on and are kept as they were), or its terms are the ones it already has (a contract PSO never touched gets no event
    /// that says "nothing").
    /// </summary>
    public static ContractPsoApplied? Decide(ContractState contract, SroiPolicyHistory policies, Func<KvkNumber, PsoCertificates?> certificatesOf,
        string cause)
    {
        if (!contract.Exists || contract.Settlement is not null || contract.Contractor is null) return null;
        var applied = new ContractPsoApplied(
            ReductionTerms(contract.StartsOn, contract.EndsOn, policies, certificatesOf(contract.Contractor.KvkNumber)),
            [.. SuppliersOf(contract).SelectMany(supplier => PurchaseTerms(supplier, policies, certificatesOf(supplier)))],
            cause);
        return applied.SameTermsAs(contract.Pso) ? null : applied;
    }

    /// <summary>The suppliers of the contract's social purchases, in the order first reported: whose certificates count.</summary>
    public static IEnumerable<KvkNumber> SuppliersOf(ContractState contract) => contract.TotalsNow().Suppliers;

    /// <summary>
    /// Per day of the term (both ends included): the contractor's certificate valid that day and the policy version in force
    /// that day give a percentage; days with none are left out, consecutive days of the same certificate and version are one run.
    /// </summary>
    public static IReadOnlyList<PsoReductionTerm> ReductionTerms(LocalDate startsOn, LocalDate endsOn, SroiPolicyHistory policies,
        PsoCertificates? contractor)
    {
        var runs = new List<PsoReductionTerm>();
        if (contractor is null) return runs;
        for (var day = startsOn; day <= endsOn; day = day.PlusDays(1))
        {
            if (contractor.ValidOn(day) is not { } certificate || policies.InForceOn(day) is not { } policy) continue;
            var percentage = policy.Pso?.ReductionFor(certificate.Level) ?? 0m;
            if (percentage == 0) continue;
            if (runs.Count > 0 && runs[^1] is var last && last.To.PlusDays(1) == day && last.Certificate == certificate.Number
                && last.PolicyVersion == policy.Id)
                runs[^1] = last with { To = day };
            else
                runs.Add(new(day, day, certificate.Number, certificate.Level, certificate.CertificateNumber, policy.Id, percentage));
        }
        return runs;
    }

    /// <summary>
    /// Per day a supplier's certificate is valid: the policy version in force that day gives its level a share (none: left
    /// out); consecutive days of the same certificate and version are one run.
    /// </summary>
    public static IReadOnlyList<PsoPurchaseTerm> PurchaseTerms(KvkNumber supplier, SroiPolicyHistory policies, PsoCertificates? certificates)
    {
        var runs = new List<PsoPurchaseTerm>();
        foreach (var certificate in certificates?.Items.Where(c => !c.Withdrawn).OrderBy(c => c.ValidFrom) ?? Enumerable.Empty<PsoCertificate>())
            for (var day = certificate.ValidFrom; day <= certificate.ValidTo; day = day.PlusDays(1))
            {
                if (policies.InForceOn(day) is not { Pso: { } rules } policy) continue;
                var share = rules.PurchaseShareFor(certificate.Level);
                if (share == 0) continue;
                if (runs.Count > 0 && runs[^1] is var last && last.To.PlusDays(1) == day && last.Certificate == certificate.Number
                    && last.PolicyVersion == policy.Id)
                    runs[^1] = last with { To = day };
                else
                    runs.Add(new(supplier, day, day, certificate.Number, certificate.Level, policy.Id, share));
            }
        return runs;
    }
}
