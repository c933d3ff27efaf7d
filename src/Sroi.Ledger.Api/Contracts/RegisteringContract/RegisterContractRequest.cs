using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Contracts.RegisteringContract;

// The attributes declare in the OpenAPI document what ValidRegistration enforces (ContractSchemaTests checks both agree).
public sealed record RegisterContractRequest(
    [property: Required, MaxLength(100), RegularExpression("^[A-Za-z0-9_./-]+$")] string? Reference,
    [property: Required, MaxLength(300)] string? Title,
    [property: Required] ContractCategory? Category,
    [property: Required] decimal? ContractValue,
    [property: Required] ContractorRequest? Contractor,
    [property: Required] LocalDate? AwardedOn,
    [property: Required] LocalDate? StartsOn,
    [property: Required] LocalDate? EndsOn,
    [property: Required] ContractScope? Scope,
    SroiRequest? Sroi,
    [property: System.ComponentModel.Description("A regional contract's participating municipalities (CBS codes), the registering municipality (the lead, penvoerder) " +
        "included: all members of one region (GET /regions) on the award date. Left out, or only the lead: a contract of the lead alone. " +
        "Each participant's WSP and auditor read the contract and link SROI placements of their own candidates to it; the lead's WSP reviews and settles.")]
    IReadOnlyList<string>? ParticipatingMunicipalities = null);

public sealed record ContractorRequest(
    [property: Required, RegularExpression(KvkNumber.Pattern)] string? KvkNumber,
    [property: Required, MaxLength(200)] string? Name);

/// <summary>Either another percentage (with an optional written reason) or an exemption with its reason.</summary>
[RequiredWhen("percentage", "exemptionReason is not given"), RequiredWhen("exemptionReason", "percentage is not given")]
public sealed record SroiRequest(decimal? Percentage, [property: MaxLength(1000)] string? Reason, [property: MaxLength(1000)] string? ExemptionReason);

/// <summary>
/// The fields of a registration, checked one by one so that every bad field is named at once, and mapped straight into
/// the domain's command: the field list is the request's and the command's, not a third copy in between.
/// </summary>
public static class ValidRegistration
{
    /// <summary>The command (its policy still to be looked up, on its award date), or null with <paramref name="errors"/> saying why.</summary>
    public static RegisterContract? Validate(RegisterContractRequest r, Guid contractId, MunicipalityCode municipality, FieldErrors errors)
    {
        if (errors.RequiredText("reference", r.Reference, 100) && !r.Reference!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            errors.Add("reference", "Letters, digits and - _ . / only.");
        errors.RequiredText("title", r.Title, 300);
        errors.Required("category", r.Category);
        var value = ContractValues.Validate("contractValue", r.ContractValue, errors);
        KvkNumber kvk = default;
        if (r.Contractor is null) errors.Add("contractor", "Required.");
        else
        {
            if (r.Contractor.KvkNumber is null) errors.Add("contractor.kvkNumber", "Required.");
            else if (!KvkNumber.TryParse(r.Contractor.KvkNumber, out kvk)) errors.Add("contractor.kvkNumber", "Expected exactly 8 digits.");
            errors.RequiredText("contractor.name", r.Contractor.Name, 200);
        }
        errors.Required("awardedOn", r.AwardedOn);
        errors.Required("startsOn", r.StartsOn);
        if (errors.Required("endsOn", r.EndsOn) && r.StartsOn is { } starts && r.EndsOn < starts)
            errors.Add("endsOn", "The contract cannot end before it starts.");
        if (r.AwardedOn is { } awarded && r.EndsOn is { } ends && ends < awarded)
            errors.Add("endsOn", "The contract cannot end before it is awarded.");
        errors.Required("scope", r.Scope);
        var sroi = SroiChoiceOf(r.Sroi, errors);
        var participants = Participation.Validate(r.ParticipatingMunicipalities, r.Scope, municipality, errors);

        return errors.Any ? null : new RegisterContract(contractId, municipality, r.Reference!, r.Title!, r.Category!.Value, value!.Value,
            new Contractor(kvk, r.Contractor!.Name!), r.AwardedOn!.Value, r.StartsOn!.Value, r.EndsOn!.Value, r.Scope!.Value, sroi!,
            PolicyInForce: null) { Participants = participants };
    }

    /// <summary>The written reason of the SROI choice, recorded in the events' metadata.</summary>
    public static string? ReasonOf(SroiChoice sroi) => sroi switch
    {
        SroiChoice.Exemption exemption => exemption.Reason,
        SroiChoice.Percentage percentage => percentage.Reason,
        _ => null,
    };

    private static SroiChoice? SroiChoiceOf(SroiRequest? sroi, FieldErrors errors)
    {
        if (sroi is null)
            return new SroiChoice.FollowPolicy();
        if (sroi.Percentage is not null && sroi.ExemptionReason is not null)
        {
            errors.Add("sroi", "Give either percentage or exemptionReason, not both.");
            return null;
        }
        if (sroi.ExemptionReason is not null)
        {
            if (sroi.Reason is not null) errors.Add("sroi.reason", "An exemption's reason goes in exemptionReason.");
            return errors.RequiredText("sroi.exemptionReason", sroi.ExemptionReason, 1000) ? new SroiChoice.Exemption(sroi.ExemptionReason) : null;
        }
        if (sroi.Percentage is not { } percentage)
        {
            errors.Add("sroi", "Give percentage or exemptionReason, or leave sroi out to follow the policy.");
            return null;
        }
        if (percentage is <= 0 or > 100 || decimal.Round(percentage, 2) != percentage)
            errors.Add("sroi.percentage", "Above 0, at most 100, at most two decimals.");
        errors.OptionalText("sroi.reason", sroi.Reason, 1000);
        return new SroiChoice.Percentage(percentage, sroi.Reason);
    }
}
