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
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Placements.RecordingPlacement;

/// <param name="FullTime">Optional: fulltime from 36 hours a week.</param>
/// <param name="SroiContractId">Required with channel sroi, refused with any other.</param>
[RequiredWhen("employer", "kind is not self-employed (refused when it is)"), RequiredWhen("sroiContractId", "channel is sroi (refused with the others)")]
public sealed record RecordPlacementRequest(
    EmployerRequest? Employer,
    [property: Required] LocalDate? StartedOn,
    [property: Required] decimal? HoursPerWeek,
    bool? FullTime,
    [property: Required] PlacementKind? Kind,
    [property: Required] PlacementChannel? Channel,
    Guid? SroiContractId);

public sealed record EmployerRequest(
    [property: Required, RegularExpression(KvkNumber.Pattern)] string? KvkNumber, [property: Required, MaxLength(200)] string? Name);

/// <summary>POST /api/v1/candidates/{candidateNumber}/placements — the candidate started work.</summary>
public static class RecordPlacementEndpoint
{
    public static async Task<Results<WrittenNew<PlacementResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<RecordPlacementRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, LedgerEvents store, Npgsql.NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var request = body.Value;
        var errors = body.Errors;
        errors.Required("startedOn", request.StartedOn);
        if (errors.Required("hoursPerWeek", request.HoursPerWeek)) PlacementFields.CheckHours(request.HoursPerWeek!.Value, errors);
        var employer = errors.Required("kind", request.Kind) ? EmployerOf(request.Employer, request.Kind!.Value, errors) : null;
        if (errors.Required("channel", request.Channel)) PlacementFields.CheckContract(request.Channel, request.SroiContractId, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var contract = await SroiContracts.LookupAsync(store, db, caller.Municipality!.Value, request.SroiContractId, ct);
        var placementId = Guid.CreateVersion7();
        var command = new RecordPlacement(placementId, employer, request.StartedOn!.Value, request.HoursPerWeek!.Value, request.FullTime,
            request.Kind!.Value, request.Channel!.Value, contract, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, WrittenNew<PlacementResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, reason: null, (document, version) => CandidateWrites.OnCandidate(document, version, number, placementId: null,
                state => CandidateDecider.Decide(command, state), candidate => PlacementAnswers.Recorded(candidate, placementId)), ct);
    }

    private static Employer? EmployerOf(EmployerRequest? request, PlacementKind kind, FieldErrors errors)
    {
        if (!PlacementKinds.RecordsEmployer(kind))
        {
            if (request is not null) errors.Add("employer", "Leave it out for a self-employed placement: the candidate's own business would identify them.");
            return null;
        }
        if (request is null) { errors.Add("employer", "Required."); return null; }
        KvkNumber kvk = default;
        if (request.KvkNumber is null) errors.Add("employer.kvkNumber", "Required.");
        else if (!KvkNumber.TryParse(request.KvkNumber, out kvk)) errors.Add("employer.kvkNumber", "Expected exactly 8 digits.");
        var named = errors.RequiredText("employer.name", request.Name, 200);
        return named && request.KvkNumber is not null && kvk != default ? new Employer(kvk, request.Name!) : null;
    }
}
