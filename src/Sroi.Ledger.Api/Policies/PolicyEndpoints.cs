using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

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
    int? RepairPeriodMonths);

public sealed record ThresholdsRequest([property: Required] decimal? Werken, [property: Required] decimal? Diensten, [property: Required] decimal? Leveringen);

/// <summary>GET/POST /api/v1/sroi-policies: versioned policy data. Everyone with a key may read; only admins add.</summary>
public static class PolicyEndpoints
{

    [WolverineGet("/api/v1/sroi-policies", OperationId = "listSroiPolicies")]
    public static async Task<IResult> ListAsync(HttpContext http, Marten.IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = MunicipalityScope.ForList(http, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        return Results.Json(await SroiPolicies.ListAsync(store, municipality, ct), LedgerJson.Options);
    }

    [WolverinePost("/api/v1/sroi-policies", OperationId = "addSroiPolicyVersion")]
    public static async Task<IResult> AddAsync(HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<AddPolicyVersionRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
        MunicipalityCode municipality = default;
        if (request.Municipality is null) errors.Add("municipality", "Required.");
        else if (!MunicipalityCode.TryParse(request.Municipality, out municipality)) errors.Add("municipality", QueryParameters.MunicipalityMessage);
        errors.Required("effectiveFrom", request.EffectiveFrom);
        if (errors.Required("percentage", request.Percentage) && (request.Percentage is <= 0 or > 100 || decimal.Round(request.Percentage!.Value, 2) != request.Percentage))
            errors.Add("percentage", "Above 0, at most 100, at most two decimals.");
        var thresholds = Thresholds(request.Thresholds, errors);
        errors.RequiredText("description", request.Description, 1000);
        var monitoring = Monitoring(request, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var command = new AddSroiPolicyVersion(municipality, request.EffectiveFrom!.Value, request.Percentage!.Value, thresholds!, request.Description!, monitoring);
        return await writer.ExecuteAsync(http, new StreamWrite<SroiPolicyDocument>(
            $"The SROI policy of {municipality}", municipality, PolicyEvents.StreamOf(municipality), body.Fingerprint, (policies, _) =>
            {
                var added = SroiPolicyDecider.Decide(command, policies?.History ?? SroiPolicyHistory.Empty);
                return new Decision([added], StatusCodes.Status201Created, $"/api/v1/sroi-policies?municipality={municipality}",
                    JsonSerializer.Serialize(added.Policy, LedgerJson.Options));
            }), ct);
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

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(ListAsync):
                chain.Describe("Policy versions (an admin: all, or of `municipality`; any other key: its own municipality's, naming another is 403), each with the monitoring terms its contracts are held to.").WithTags("SROI policies").RequireRoles(Role.Admin, Role.Inkoop, Role.Wsp, Role.Auditor, Role.Opdrachtnemer)
                    .Produces<SroiPolicyVersion[]>().ProducesValidationProblem();
                break;
            case nameof(AddAsync):
                chain.Describe("Add a policy version with its effective date; versions are never edited. Its monitoring terms: " +
                               "`reportingIntervalMonths` (a report is expected every so many months from a contract's `startsOn`; 1–24, default 6) " +
                               "and `repairPeriodMonths` (the months after `endsOn` in which a shortfall may still be made up before a settlement is due; 0–24, default 3).").WithTags("SROI policies").RequireRoles(Role.Admin)
                    .Accepts<AddPolicyVersionRequest>("application/json")
                    .Produces<SroiPolicyVersion>(StatusCodes.Status201Created).ProducesValidationProblem()
                    .ProducesLedgerWriteProblems();
                break;
        }
    }
}
