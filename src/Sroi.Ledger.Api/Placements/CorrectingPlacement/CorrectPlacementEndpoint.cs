using Sroi.Ledger.Api.EventLog;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Placements.CorrectingPlacement;

/// <summary>Only what was recorded wrongly; what is left out stays as it was.</summary>
public sealed record CorrectPlacementRequest(
    LocalDate? StartedOn,
    decimal? HoursPerWeek,
    bool? FullTime,
    PlacementKind? Kind,
    PlacementChannel? Channel,
    Guid? SroiContractId,
    string? Reason);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/correction — replaces the start date, hours,
/// fulltime, kind or channel; the placement then counts in the year of its corrected start.
/// </summary>
public static class CorrectPlacementEndpoint
{
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
}
