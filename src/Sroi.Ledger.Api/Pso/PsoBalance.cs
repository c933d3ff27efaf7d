using Marten;
using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Pso;

/// <summary>What PSO did to a contract's balance (<c>pso</c> of GET …/balance).</summary>
/// <param name="Reduction">The obligation's reduction for the contractor's certificates: <c>obligationBeforePso</c> − <c>obligation</c>.</param>
/// <param name="TermDays">The days of the term the reduction is spread over (both ends included).</param>
/// <param name="ReductionLines">Per run of days: the certificate, its level, the policy version and its percentage, and the amount.</param>
/// <param name="PurchasesAccepted">What purchases from certified suppliers add to <c>accepted</c> (and to social procurement's).</param>
/// <param name="PurchasesPending">What they add to <c>pending</c>.</param>
/// <param name="Purchases">Each such purchase: the supplier's certificate on the invoice date, the policy version, the share, the extra value.</param>
public sealed record PsoBalanceResponse(Money Reduction, int TermDays, IReadOnlyList<PsoReductionLine> ReductionLines,
    Money PurchasesAccepted, Money PurchasesPending, IReadOnlyList<PsoPurchase> Purchases)
{
    public static PsoBalanceResponse Of(PsoEffect effect) => new(effect.Reduction.Amount, effect.Reduction.TermDays, effect.Reduction.Lines,
        effect.ExtraWhere(FulfilmentStatus.Accepted), effect.ExtraWhere(FulfilmentStatus.Pending), effect.Purchases);
}

/// <summary>
/// Decides a contract's PSO effect when its balance is read, from the municipality's policy versions and the certificates
/// its WSP recorded, both as known on the moment asked (now, or <c>asKnownOn</c>): a certificate or a policy version
/// recorded later does not change a figure as known before it. Not folded into the contract's document, whose events do
/// not see another stream's; so the contract list's status and the reports use the obligation before PSO.
/// </summary>
public static class PsoBalance
{
    /// <summary>Null when no policy version (as known then) gives PSO an effect: the balance is the contract's own.</summary>
    /// <param name="withReports">The contract's document with its reports, read only when a policy counts purchases.</param>
    public static async Task<PsoEffect?> OfAsync(IDocumentStore store, ContractDocument document, Instant? asKnownOn,
        Func<Task<ContractDocument?>> withReports, CancellationToken ct)
    {
        var municipality = document.State.Municipality;
        var policies = await PoliciesAsync(store, municipality, asKnownOn, ct);
        if (!policies.Versions.Any(v => v.Pso is not null)) return null;

        var balance = document.Balance;
        var contractor = await PsoCertificateStore.ReadAsync(store, municipality, document.State.Contractor!.KvkNumber, asKnownOn, ct);
        var reduction = PsoEffects.Reduction(balance.Obligation, balance.Applies, balance.StartsOn, balance.EndsOn, policies, contractor?.Certificates);
        if (!policies.Versions.Any(v => v.Pso is { PurchaseShares.Count: > 0 })) return new PsoEffect(reduction, []);

        var reports = (asKnownOn is null ? await withReports() : document)?.State.Fulfilments.InOrder ?? [];
        var suppliers = new Dictionary<KvkNumber, PsoCertificates?>();
        foreach (var supplier in reports.Select(f => f.Report).OfType<FulfilmentReport.SocialProcurement>().Select(p => p.Supplier.KvkNumber).Distinct())
            suppliers[supplier] = (await PsoCertificateStore.ReadAsync(store, municipality, supplier, asKnownOn, ct))?.Certificates;
        return new PsoEffect(reduction, PsoEffects.Purchases(reports, policies, kvk => suppliers.GetValueOrDefault(kvk)));
    }

    private static async Task<SroiPolicyHistory> PoliciesAsync(IDocumentStore store, MunicipalityCode municipality, Instant? asKnownOn, CancellationToken ct)
    {
        if (asKnownOn is not { } moment) return await SroiPolicies.HistoryAsync(store, municipality, ct);
        await using var session = store.QuerySession(municipality.Value);
        return (await session.Events.AggregateStreamAsync<SroiPolicyDocument>(PolicyEvents.StreamOf(municipality).Value,
            timestamp: moment.ToDateTimeOffset(), token: ct))?.History ?? SroiPolicyHistory.Empty;
    }
}
