using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Domain.Candidates;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Placements.CorrectingPlacement;

/// <summary>Only what was recorded wrongly; what is left out stays as it was.</summary>
[RequiredWhen("startedOn", "none of hoursPerWeek, fullTime, kind, channel, sroiContractId is given (at least one correction)")]
public sealed record CorrectPlacementRequest(
    LocalDate? StartedOn,
    decimal? HoursPerWeek,
    bool? FullTime,
    PlacementKind? Kind,
    PlacementChannel? Channel,
    Guid? SroiContractId,
    [property: Required, MaxLength(1000)] string? Reason);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/correction — replaces the start date, hours,
/// fulltime, kind or channel; the placement then counts in the year of its corrected start.
/// </summary>
public static class CorrectPlacementEndpoint
{
    [WolverinePost("/api/v1/candidates/{candidateNumber}/placements/{placementId:guid}/correction", OperationId = "correctPlacement")]
    public static async Task<IResult> HandleAsync(
        string candidateNumber, Guid placementId, HttpContext http, CandidateWriter writer, LedgerEvents store, IClock clock,
        CancellationToken ct)
    {
        var (number, body, problem) = await CandidatePath.ReadAsync<CorrectPlacementRequest>(candidateNumber, http.Request, ct);
        if (problem is not null) return problem;
        var r = body!.Value;
        var errors = new FieldErrors();
        if (r is { StartedOn: null, HoursPerWeek: null, FullTime: null, Kind: null, Channel: null, SroiContractId: null })
            errors.Add("body", "Give what to correct: startedOn, hoursPerWeek, fullTime, kind, channel or sroiContractId.");
        if (r.HoursPerWeek is { } hours) PlacementFields.CheckHours(hours, errors);
        PlacementFields.CheckContract(r.Channel, r.SroiContractId, errors, channelRequired: false);
        errors.RequiredText("reason", r.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var contract = await SroiContracts.LookupAsync(store, Caller.From(http).Municipality!.Value, r.SroiContractId, ct);
        var command = new CorrectPlacement(placementId, r.StartedOn, r.HoursPerWeek, r.FullTime, r.Kind, r.Channel, contract, r.Reason!,
            BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new CandidateCommand(number, RegistersNewCandidate: false, body.Fingerprint, r.Reason,
            state => CandidateDecider.Decide(command, state),
            view => PlacementAnswers.Placement(view, placementId, StatusCodes.Status200OK)) { PlacementId = placementId }, ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Correct start date, hours, fulltime, kind or channel; it then counts in its corrected year.").WithTags("Placements").RequireRoles(Role.Wsp)
            .Accepts<CorrectPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>();
}
