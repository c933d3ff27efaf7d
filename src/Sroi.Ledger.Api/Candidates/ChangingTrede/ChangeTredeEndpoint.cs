using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Candidates.ChangingTrede;

public sealed record ChangeTredeRequest(
    [property: Required, Range(1, 6)] int? Trede, [property: Required] LocalDate? EffectiveOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/trede-changes — a re-assessment on the participatieladder.</summary>
public static class ChangeTredeEndpoint
{
    [WolverinePost("/api/v1/candidates/{candidateNumber}/trede-changes", OperationId = "changeTrede")]
    public static async Task<IResult> HandleAsync(string candidateNumber, HttpContext http, CandidateWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, body, problem) = await CandidatePath.ReadAsync<ChangeTredeRequest>(candidateNumber, http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
        if (errors.Required("trede", request.Trede) && !Participatieladder.IsTrede(request.Trede!.Value))
            errors.Add("trede", "A trede on the participatieladder: 1 to 6.");
        errors.Required("effectiveOn", request.EffectiveOn);
        errors.RequiredText("reason", request.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var command = new ChangeTrede(request.Trede!.Value, request.EffectiveOn!.Value, request.Reason!, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new CandidateCommand(number, RegistersNewCandidate: false, body.Fingerprint, request.Reason,
            state => CandidateDecider.Decide(command, state),
            view => new CandidateAnswer(StatusCodes.Status200OK, null, view)), ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Record a trede change (re-assessment) with its effective date and reason.").WithTags("Candidates").RequireRoles(Role.Wsp)
            .Accepts<ChangeTredeRequest>("application/json")
            .ProducesCandidateChange<CandidateResponse>();
}
