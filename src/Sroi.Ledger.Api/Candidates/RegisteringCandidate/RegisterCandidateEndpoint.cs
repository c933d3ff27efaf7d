using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Candidates.RegisteringCandidate;

/// <summary>Nothing else about the person: a pseudonymous number, the municipality, dates, trede and target group.</summary>
public sealed record RegisterCandidateRequest(
    [property: Required] CandidateNumber? CandidateNumber,
    [property: Required] MunicipalityCode? Municipality,
    [property: Required] LocalDate? RegisteredOn,
    [property: Required, Range(1, 6)] int? Trede,
    [property: Required] TargetGroup? TargetGroup,
    LocalDate? BenefitSince);

/// <summary>POST /api/v1/candidates — the WSP registers a candidate in its own municipality.</summary>
public static class RegisterCandidateEndpoint
{
    [WolverinePost("/api/v1/candidates", OperationId = "registerCandidate")]
    public static async Task<IResult> HandleAsync(HttpContext http, CandidateWriter writer, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<RegisterCandidateRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
        errors.Required("candidateNumber", request.CandidateNumber);
        errors.Required("municipality", request.Municipality);
        errors.Required("registeredOn", request.RegisteredOn);
        if (errors.Required("trede", request.Trede) && !Participatieladder.IsTrede(request.Trede!.Value))
            errors.Add("trede", "A trede on the participatieladder: 1 to 6.");
        errors.Required("targetGroup", request.TargetGroup);
        if (errors.Any) return Problems.BadRequest(errors);

        var own = Caller.From(http).Municipality;
        if (request.Municipality != own)
            return Problems.Forbidden($"This key registers candidates in {own} only.");

        var number = request.CandidateNumber!.Value;
        var command = new RegisterCandidate(number, request.Municipality!.Value, request.RegisteredOn!.Value, request.Trede!.Value,
            request.TargetGroup!.Value, request.BenefitSince, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new CandidateCommand(number, RegistersNewCandidate: true, body.Fingerprint, null,
            state => CandidateDecider.Decide(command, state),
            view => new CandidateAnswer(StatusCodes.Status201Created, CandidateWriter.PathOf(number), view)), ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Register a candidate under a pseudonymous number, with trede and target group.").WithTags("Candidates").RequireRoles(Role.Wsp)
            .Accepts<RegisterCandidateRequest>("application/json")
            .Produces<CandidateResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesLedgerWriteProblems();
}
