using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>How a contract's obligation was decided, at registration (<see cref="ObligationBasis"/>).</summary>
public enum ObligationBasisKind
{
    /// <summary>The policy in force on the award date: its percentage from its threshold for the category.</summary>
    Policy,

    /// <summary>Procurement set the percentage itself, with an explanation ("pas toe of leg uit").</summary>
    SetByProcurement,

    /// <summary>Procurement exempted the contract, with a reason.</summary>
    Exempted,
}

/// <summary>
/// The obligation's basis as fields, beside the English sentence of <see cref="Obligation.Reason"/>, so that a page words
/// it in its own language: with the contract's category and value (or an amendment's new value) and whether the
/// obligation applies, it says all the sentence says. A field the kind has not is null: <see cref="Threshold"/> only for
/// a policy, <see cref="Explanation"/> only when procurement set the percentage, <see cref="ExemptionReason"/> only for
/// an exemption; <see cref="PolicyVersion"/> is the policy in force on the award date, if there was one.
/// </summary>
public sealed record ObligationBasisResponse(
    ObligationBasisKind Kind, string? PolicyVersion, decimal? Percentage, Money? Threshold, string? Explanation, string? ExemptionReason)
{
    public static ObligationBasisResponse? From(ObligationBasis? basis) => basis switch
    {
        ObligationBasis.Policy p => new(ObligationBasisKind.Policy, p.PolicyVersion, p.Percentage, p.Threshold, null, null),
        ObligationBasis.SetByProcurement s => new(ObligationBasisKind.SetByProcurement, s.PolicyVersion, s.Percentage, null, s.Explanation, null),
        ObligationBasis.Exempted e => new(ObligationBasisKind.Exempted, e.PolicyVersion, null, null, null, e.ExemptionReason),
        _ => null,
    };
}
