using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Domain.Candidates;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Placements.EndingPlacement;

public sealed record EndPlacementRequest([property: Required] LocalDate? EndedOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/end — the work ended.</summary>
public static class EndPlacementEndpoint
{
    [WolverinePost("/api/v1/candidates/{candidateNumber}/placements/{placementId:guid}/end", OperationId = "endPlacement")]
    public static async Task<IResult> HandleAsync(
        string candidateNumber, Guid placementId, HttpContext http, CandidateWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, body, problem) = await CandidatePath.ReadAsync<EndPlacementRequest>(candidateNumber, http.Request, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        errors.Required("endedOn", body!.Value.EndedOn);
        errors.RequiredText("reason", body.Value.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var command = new EndPlacement(placementId, body.Value.EndedOn!.Value, body.Value.Reason!, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new CandidateCommand(number, RegistersNewCandidate: false, body.Fingerprint, body.Value.Reason,
            state => CandidateDecider.Decide(command, state),
            view => PlacementAnswers.Placement(view, placementId, StatusCodes.Status200OK)) { PlacementId = placementId }, ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Record the end of a placement.").WithTags("Placements").RequireRoles(Role.Wsp)
            .Accepts<EndPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>();
}
