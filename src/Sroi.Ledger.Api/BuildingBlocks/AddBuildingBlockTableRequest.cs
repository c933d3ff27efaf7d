using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <param name="Municipality">Required for an administrator; a WSP key adds tables for its own municipality (leave it out or name it).</param>
/// <param name="HoursPerFullTimeWeek">The week that counts as 1.0; 36 when left out.</param>
/// <param name="SocialActivityPerHour">Euros an hour of social activity; leave it out when the table values none.</param>
[RequiredWhen("municipality", "the key is an administrator's")]
public sealed record AddBuildingBlockTableRequest(
    [property: RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: Required] LocalDate? EffectiveFrom,
    [property: Required, MaxLength(200)] string? Name,
    decimal? HoursPerFullTimeWeek,
    [property: Required] IReadOnlyList<BlockRequest>? Blocks,
    [property: Required] BonusesRequest? Bonuses,
    IReadOnlyList<ShareRequest>? SocialProcurementShares,
    decimal? SocialActivityPerHour);

/// <param name="CapMonths">For how many months one candidate counts on a contract; leave it out for no limit.</param>
public sealed record BlockRequest([property: Required] BuildingBlockCode? Code, [property: Required] decimal? ValuePerYear, [property: Range(1, BuildingBlockTableValidation.MaxCapMonths)] int? CapMonths);

public sealed record BonusesRequest([property: Required] decimal? Age55Plus, [property: Required] decimal? WorkLimitation, [property: Required] decimal? HiredAfterVsoInternship);

public sealed record ShareRequest([property: Required] SupplierRecognition? Recognition, [property: Required] decimal? Percentage);

/// <summary>Checks a new table version field by field, so that every bad field is named at once.</summary>
public static class BuildingBlockTableValidation
{
    public const int MaxCapMonths = 120;

    public static AddBuildingBlockTable? Validate(AddBuildingBlockTableRequest r, MunicipalityCode municipality, FieldErrors errors)
    {
        errors.Required("effectiveFrom", r.EffectiveFrom);
        errors.RequiredText("name", r.Name, 200);
        var hours = r.HoursPerFullTimeWeek ?? 36m;
        if (hours is <= 0 or > 60 || decimal.Round(hours, 2) != hours)
            errors.Add("hoursPerFullTimeWeek", "Above 0, at most 60, at most two decimals.");

        var blocks = new List<BuildingBlock>();
        if (r.Blocks is null) errors.Add("blocks", "Required: the building blocks with their value per year.");
        else
        {
            for (var i = 0; i < r.Blocks.Count; i++)
            {
                var block = r.Blocks[i];
                var field = $"blocks[{i}]";
                if (block is null) { errors.Add(field, "Required."); continue; }
                if (errors.Required($"{field}.code", block.Code) && blocks.Any(b => b.Code == block.Code))
                    errors.Add($"{field}.code", "Each block appears once.");
                var value = Euros($"{field}.valuePerYear", block.ValuePerYear, errors);
                if (block.CapMonths is < 1 or > MaxCapMonths)
                    errors.Add($"{field}.capMonths", $"From 1 to {MaxCapMonths} months, or left out for no limit.");
                if (block.Code is { } code && value is { } perYear)
                    blocks.Add(new BuildingBlock(code, perYear, block.CapMonths));
            }
        }

        BuildingBlockBonuses? bonuses = null;
        if (r.Bonuses is null) errors.Add("bonuses", "Required: age55Plus, workLimitation and hiredAfterVsoInternship in euros.");
        else
        {
            var age = Euros("bonuses.age55Plus", r.Bonuses.Age55Plus, errors);
            var limitation = Euros("bonuses.workLimitation", r.Bonuses.WorkLimitation, errors);
            var vso = Euros("bonuses.hiredAfterVsoInternship", r.Bonuses.HiredAfterVsoInternship, errors);
            if (age is not null && limitation is not null && vso is not null) bonuses = new BuildingBlockBonuses(age.Value, limitation.Value, vso.Value);
        }

        var shares = new List<SocialProcurementShare>();
        for (var i = 0; i < (r.SocialProcurementShares?.Count ?? 0); i++)
        {
            var share = r.SocialProcurementShares![i];
            var field = $"socialProcurementShares[{i}]";
            if (share is null) { errors.Add(field, "Required."); continue; }
            if (errors.Required($"{field}.recognition", share.Recognition) && shares.Any(s => s.Recognition == share.Recognition))
                errors.Add($"{field}.recognition", "Each recognition appears once.");
            // A missing percentage is named once, and never read (it was a 500).
            if (!errors.Required($"{field}.percentage", share.Percentage)) continue;
            if (share.Percentage is < 0 or > 100 || decimal.Round(share.Percentage!.Value, 2) != share.Percentage)
                errors.Add($"{field}.percentage", "From 0 to 100, at most two decimals.");
            else if (share.Recognition is { } recognition)
                shares.Add(new SocialProcurementShare(recognition, share.Percentage.Value));
        }

        Money? perHour = r.SocialActivityPerHour is null ? null : Euros("socialActivityPerHour", r.SocialActivityPerHour, errors);
        return errors.Any ? null : new AddBuildingBlockTable(municipality, r.EffectiveFrom!.Value, r.Name!, hours, blocks, bonuses!, shares, perHour);
    }

    private static Money? Euros(string field, decimal? euros, FieldErrors errors)
    {
        if (!errors.Required(field, euros)) return null;
        if (euros < 0 || !Money.TryFromEuros(euros!.Value, out var money)) { errors.Add(field, "At least 0, at most two decimals."); return null; }
        return money;
    }
}
