using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts.PreviewingObligation;

/// <summary>
/// What a registration or an amendment would owe, before it is made: the obligation (as the contract would record it)
/// and its basis as fields, for a form that shows it while the person types. Nothing is written.
/// </summary>
public sealed record ObligationPreviewResponse(Money ContractValue, Obligation Obligation, ObligationBasisResponse ObligationBasis);

/// <summary>The registration's fields that decide its obligation, named as in the registration's body.</summary>
public sealed record RegistrationPreviewQuery
{
    [Description("The contract's category (required).")]
    public QueryChoice<ContractCategory>? Category { get; init; }

    [Description("The contract value in euros (required): more than 0, at most two decimals, as 1234.56.")]
    public QueryDecimal? ContractValue { get; init; }

    [Description("The award date (required): the policy in force on it decides.")]
    public QueryDate? AwardedOn { get; init; }

    [Description("A percentage procurement sets itself (sroi.percentage of the registration): above 0, at most 100, at most two decimals.")]
    public QueryDecimal? Percentage { get; init; }

    [Description("true: the contract would be exempted (sroi.exemptionReason of the registration); not with percentage."), DefaultValue(false)]
    public QueryFlag? Exempted { get; init; }
}

/// <summary>The amendment's new value.</summary>
public sealed record AmendmentPreviewQuery
{
    [Description("The new contract value in euros (required), as in the amendment's body.")]
    public QueryDecimal? ContractValue { get; init; }
}

public static class ObligationPreviewEndpoints
{
    /// <summary>
    /// GET /contracts/obligation-preview: the basis the registration would get (<see cref="ContractDecider.BasisFor"/>, over
    /// the policy in force on the award date in the caller's municipality) applied to the value, as the registration does.
    /// </summary>
    public static async Task<Results<Ok<ObligationPreviewResponse>, ProblemHttpResult>> RegistrationAsync(
        [AsParameters] RegistrationPreviewQuery query, ClaimsPrincipal user, Marten.IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = Required(query.Category, "category", errors)?.Read("category", errors);
        var value = ContractValueOf(query.ContractValue, errors);
        var awardedOn = Required(query.AwardedOn, "awardedOn", errors)?.Read("awardedOn", errors);
        var percentage = query.Percentage?.Read("percentage", errors);
        if (percentage is <= 0 or > 100) errors.Add("percentage", "Above 0, at most 100, at most two decimals.");
        var exempted = query.Exempted?.Read("exempted", errors) ?? false;
        if (exempted && percentage is not null) errors.Add("percentage", "Give either percentage or exempted, not both.");
        if (errors.Any || category is null || value is null || awardedOn is null) return Problems.BadRequest(errors);

        var municipality = Caller.From(user).Municipality!.Value;
        SroiChoice sroi = exempted ? new SroiChoice.Exemption("(preview)")
            : percentage is { } p ? new SroiChoice.Percentage(p, null)
            : new SroiChoice.FollowPolicy();
        var policy = await SroiPolicies.InForceAsync(store, municipality, awardedOn.Value, ct);
        try
        {
            var basis = ContractDecider.BasisFor(sroi, policy, municipality, awardedOn.Value, category.Value);
            return TypedResults.Ok(Preview(basis, value.Value, category.Value));
        }
        catch (RuleViolation violation)
        {
            return Problems.RuleViolated(InQueryWords(violation));
        }
    }

    /// <summary>
    /// GET /contracts/{id}/obligation-preview: the contract's own basis, fixed at registration, applied to the new value, as
    /// an amendment does (<see cref="ContractDecider.Decide(AmendContractValue, ContractState)"/>).
    /// </summary>
    public static async Task<Results<Ok<ObligationPreviewResponse>, ProblemHttpResult>> AmendmentAsync(
        Guid id, [AsParameters] AmendmentPreviewQuery query, ClaimsPrincipal user, ContractReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var value = ContractValueOf(query.ContractValue, errors);
        if (errors.Any || value is null) return Problems.BadRequest(errors);

        var document = await reader.FindVisibleWithoutReportsAsync(id, Caller.From(user), ct);
        if (document?.State.Basis is not { } basis) return Problems.NotFound($"Contract {id}");
        return TypedResults.Ok(Preview(basis, value.Value, document.State.Category));
    }

    /// <summary>
    /// The registration's rule, told in the preview's words: the caller sent query parameters, not the registration's body,
    /// so "set sroi.percentage or sroi.exemptionReason" is "give percentage or exempted=true" here (the code and the field
    /// stay the registration's, so a form reads both answers alike).
    /// </summary>
    private static RuleViolation InQueryWords(RuleViolation violation) => new(violation.Code,
        violation.Message.Replace("set sroi.percentage or sroi.exemptionReason", "give percentage or exempted=true", StringComparison.Ordinal)
            .Replace("sroi.percentage", "percentage", StringComparison.Ordinal).Replace("sroi.exemptionReason", "exempted=true", StringComparison.Ordinal),
        violation.Field is { } field && QueryFieldOf.TryGetValue(field, out var query) ? query : violation.Field);

    /// <summary>The registration body's fields a rule may name, by the preview's query parameter that carries them.</summary>
    private static readonly Dictionary<string, string> QueryFieldOf = new(StringComparer.Ordinal)
    {
        ["sroi.percentage"] = "percentage",
        ["sroi.exemptionReason"] = "exempted",
    };

    private static ObligationPreviewResponse Preview(ObligationBasis basis, Money value, ContractCategory category) =>
        new(value, basis.For(value, category), ObligationBasisResponse.From(basis)!);

    /// <summary>The value as the registration and the amendment check it: more than 0, whole cents, at most 100 billion.</summary>
    private static Money? ContractValueOf(QueryDecimal? query, FieldErrors errors) =>
        Required(query, "contractValue", errors)?.Read("contractValue", errors) is { } euros ? ContractValues.Validate("contractValue", euros, errors) : null;

    private static T? Required<T>(T? value, string name, FieldErrors errors) where T : struct
    {
        if (value is null) errors.Add(name, "Required.");
        return value;
    }
}
