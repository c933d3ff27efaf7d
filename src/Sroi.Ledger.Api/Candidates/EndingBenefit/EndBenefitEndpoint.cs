using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Candidates.EndingBenefit;

public sealed record EndBenefitRequest([property: Required] LocalDate? EffectiveOn, [property: Required] BenefitEndReason? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/benefit-end — the benefit ended (uitstroom), for work income or otherwise.</summary>
public static class EndBenefitEndpoint
{
    [WolverinePost("/api/v1/candidates/{candidateNumber}/benefit-end", OperationId = "endBenefit")]
    public static async Task<IResult> HandleAsync(string candidateNumber, HttpContext http, CandidateWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, body, problem) = await CandidatePath.ReadAsync<EndBenefitRequest>(candidateNumber, http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
        errors.Required("effectiveOn", request.EffectiveOn);
        errors.Required("reason", request.Reason);
        if (errors.Any) return Problems.BadRequest(errors);

        var command = new EndBenefit(request.EffectiveOn!.Value, request.Reason!.Value, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new CandidateCommand(number, RegistersNewCandidate: false, body.Fingerprint,
            CandidateReportTables.Kebab(request.Reason.Value),
            state => CandidateDecider.Decide(command, state),
            view => new CandidateAnswer(StatusCodes.Status200OK, null, view)), ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Record that the candidate's benefit ended (work-income or other).").WithTags("Candidates").RequireRoles(Role.Wsp)
            .Accepts<EndBenefitRequest>("application/json")
            .ProducesCandidateChange<CandidateResponse>();
}
