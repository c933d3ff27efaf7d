using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Policies;

public sealed record AddPolicyVersionRequest(
    [property: Required, RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: Required] LocalDate? EffectiveFrom,
    [property: Required] decimal? Percentage,
    [property: Required] ThresholdsRequest? Thresholds,
    [property: Required, MaxLength(1000)] string? Description,
    [property: Range(MonitoringTerms.MinReportingIntervalMonths, MonitoringTerms.MaxReportingIntervalMonths), DefaultValue(MonitoringTerms.DefaultReportingIntervalMonths)]
    int? ReportingIntervalMonths,
    [property: Range(MonitoringTerms.MinRepairPeriodMonths, MonitoringTerms.MaxRepairPeriodMonths), DefaultValue(MonitoringTerms.DefaultRepairPeriodMonths)]
    int? RepairPeriodMonths,
    PsoRulesRequest? Pso = null);

/// <summary>
/// What PSO certificates do under the version (issue 21); left out, or both parts empty: nothing. A level a part does not
/// name has no effect.
/// </summary>
/// <param name="Reductions">Per level, the percentage a certified contractor's obligation is reduced by, for the days its certificate is valid.</param>
/// <param name="PurchaseShares">Per level, the share of the amount excl. VAT at which a purchase from a certified supplier counts as social procurement
/// (when that is more than the building-block table gives it).</param>
public sealed record PsoRulesRequest(IReadOnlyList<PsoPercentageRequest>? Reductions, IReadOnlyList<PsoPercentageRequest>? PurchaseShares);

public sealed record PsoPercentageRequest([property: Required] Domain.Pso.PsoLevel? Level, [property: Required] decimal? Percentage);

public sealed record ThresholdsRequest([property: Required] decimal? Werken, [property: Required] decimal? Diensten, [property: Required] decimal? Leveringen);

/// <summary>GET/POST /api/v1/sroi-policies: versioned policy data. Everyone with a key may read; only admins add.</summary>
public static class PolicyEndpoints
{

    [ListsWhatMakesAMunicipalityKnown]
    public static async Task<Results<Ok<IReadOnlyList<SroiPolicyVersion>>, ProblemHttpResult>> ListAsync(
        [AsParameters] MunicipalityQuery query, ClaimsPrincipal user, Marten.IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, query.Municipality, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        // A contractor acting in every municipality: those where it holds a contract (or the one of them it names).
        var (reach, beyondReach) = await MunicipalityScope.ContractorReachAsync(db, caller, municipality, ct);
        if (beyondReach is not null) return beyondReach;
        var versions = await SroiPolicies.ListAsync(store, municipality, ct);
        return TypedResults.Ok(reach is null ? versions : versions.Where(p => reach.Contains(p.Municipality)).ToList());
    }

    public static async Task<Results<WrittenNew<SroiPolicyVersion>, ProblemHttpResult>> AddAsync(
        JsonBody<AddPolicyVersionRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        MunicipalityCode municipality = default;
        if (request.Municipality is null) errors.Add("municipality", "Required.");
        else if (!MunicipalityCode.TryParse(request.Municipality, out municipality)) errors.Add("municipality", QueryParameters.MunicipalityMessage);
        errors.Required("effectiveFrom", request.EffectiveFrom);
        if (errors.Required("percentage", request.Percentage) && (request.Percentage is <= 0 or > 100 || decimal.Round(request.Percentage!.Value, 2) != request.Percentage))
            errors.Add("percentage", "Above 0, at most 100, at most two decimals.");
        var thresholds = Thresholds(request.Thresholds, errors);
        errors.RequiredText("description", request.Description, 1000);
        var monitoring = Monitoring(request, errors);
        var pso = PsoRules(request.Pso, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var command = new AddSroiPolicyVersion(municipality, request.EffectiveFrom!.Value, request.Percentage!.Value, thresholds!, request.Description!, monitoring)
        {
            Pso = pso,
        };
        return await writer.WriteAsync<SroiPolicyDocument, WrittenNew<SroiPolicyVersion>>(
            new(municipality, PolicyEvents.StreamOf(municipality), $"The SROI policy of {municipality}"), Caller.From(user), headers,
            body.Fingerprint, reason: null, (policies, _) =>
            {
                var history = policies?.History ?? SroiPolicyHistory.Empty;
                var added = SroiPolicyDecider.Decide(command, history);
                // A version that gives PSO an effect, or ends one from its date: every contract's PSO terms are decided again.
                var touchesPso = added.Policy.Pso is not null || history.Versions.Any(v => v.Pso is not null);
                return new Decision<WrittenNew<SroiPolicyVersion>>([added],
                    Answers.Created(added.Policy, $"/api/v1/sroi-policies?municipality={municipality}"))
                {
                    FollowUps = touchesPso ? [Pso.ReapplyPso.ForPolicy(municipality, $"sroi-policy {added.Policy.Id} added")] : [],
                };
            }, ct);
    }

    /// <summary>The monitoring terms asked for; a term left out is the default.</summary>
    private static MonitoringTerms Monitoring(AddPolicyVersionRequest request, FieldErrors errors)
    {
        var terms = new MonitoringTerms(request.ReportingIntervalMonths ?? MonitoringTerms.DefaultReportingIntervalMonths,
            request.RepairPeriodMonths ?? MonitoringTerms.DefaultRepairPeriodMonths);
        if (!MonitoringTerms.IsReportingInterval(terms.ReportingIntervalMonths))
            errors.Add("reportingIntervalMonths",
                $"Whole months, {MonitoringTerms.MinReportingIntervalMonths} to {MonitoringTerms.MaxReportingIntervalMonths}; left out: {MonitoringTerms.DefaultReportingIntervalMonths}.");
        if (!MonitoringTerms.IsRepairPeriod(terms.RepairPeriodMonths))
            errors.Add("repairPeriodMonths",
                $"Whole months, {MonitoringTerms.MinRepairPeriodMonths} to {MonitoringTerms.MaxRepairPeriodMonths}; left out: {MonitoringTerms.DefaultRepairPeriodMonths}.");
        return terms;
    }

    /// <summary>The PSO rules asked for: every percentage above 0 and at most 100 with two decimals, each level once per part.</summary>
    private static Domain.Pso.PsoRules? PsoRules(PsoRulesRequest? request, FieldErrors errors)
    {
        if (request is null) return null;
        List<Domain.Pso.PsoPercentage> Part(string field, IReadOnlyList<PsoPercentageRequest>? items)
        {
            var part = new List<Domain.Pso.PsoPercentage>();
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                var item = items![i];
                if (item is null) { errors.Add($"{field}[{i}]", "A level and a percentage."); continue; }
                var hasLevel = errors.Required($"{field}[{i}].level", item.Level);
                if (hasLevel && part.Any(p => p.Level == item.Level)) errors.Add($"{field}[{i}].level", "Each level once.");
                var hasPercentage = errors.Required($"{field}[{i}].percentage", item.Percentage);
                if (hasPercentage && (item.Percentage is <= 0 or > 100 || decimal.Round(item.Percentage!.Value, 2) != item.Percentage))
                {
                    errors.Add($"{field}[{i}].percentage", "Above 0, at most 100, at most two decimals.");
                    hasPercentage = false;
                }
                if (hasLevel && hasPercentage) part.Add(new(item.Level!.Value, item.Percentage!.Value));
            }
            return part;
        }
        return new Domain.Pso.PsoRules(Part("pso.reductions", request.Reductions), Part("pso.purchaseShares", request.PurchaseShares));
    }

    private static SroiThresholds? Thresholds(ThresholdsRequest? request, FieldErrors errors)
    {
        if (request is null) { errors.Add("thresholds", "Required: werken, diensten and leveringen in euros."); return null; }
        Money? One(string field, decimal? euros)
        {
            if (!errors.Required(field, euros)) return null;
            if (euros < 0 || !Money.TryFromEuros(euros!.Value, out var money)) { errors.Add(field, "At least 0, at most two decimals."); return null; }
            return money;
        }
        var werken = One("thresholds.werken", request.Werken);
        var diensten = One("thresholds.diensten", request.Diensten);
        var leveringen = One("thresholds.leveringen", request.Leveringen);
        return werken is null || diensten is null || leveringen is null ? null : new SroiThresholds(werken.Value, diensten.Value, leveringen.Value);
    }
}
