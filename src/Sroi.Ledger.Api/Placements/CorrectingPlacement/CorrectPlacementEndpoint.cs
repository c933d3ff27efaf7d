using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.OpenApi;

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
    public static async Task<Results<Written<PlacementResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, Guid placementId, JsonBody<CorrectPlacementRequest> body, [AsParameters] WriteHeaders headers,
        ClaimsPrincipal user, LedgerWriter writer, LedgerEvents store, Npgsql.NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var r = body.Value;
        var errors = body.Errors;
        if (r is { StartedOn: null, HoursPerWeek: null, FullTime: null, Kind: null, Channel: null, SroiContractId: null })
            errors.Add("body", "Give what to correct: startedOn, hoursPerWeek, fullTime, kind, channel or sroiContractId.");
        if (r.HoursPerWeek is { } hours) PlacementFields.CheckHours(hours, errors);
        PlacementFields.CheckContract(r.Channel, r.SroiContractId, errors, channelRequired: false);
        errors.RequiredText("reason", r.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var contract = await SroiContracts.LookupAsync(store, db, caller.Municipality!.Value, r.SroiContractId, ct);
        var command = new CorrectPlacement(placementId, r.StartedOn, r.HoursPerWeek, r.FullTime, r.Kind, r.Channel, contract, r.Reason!,
            BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<PlacementResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, r.Reason, (document, version) => CandidateWrites.OnCandidate(document, version, number, placementId,
                state => CandidateDecider.Decide(command, state), candidate => PlacementAnswers.Changed(candidate, placementId)), ct);
    }
}
