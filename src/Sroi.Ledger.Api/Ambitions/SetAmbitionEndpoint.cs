using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>A null figure: no ambition for it that year. PUT replaces the year's ambition whole.</summary>
[RequiredWhen("placements", "sroiPlacements is not given (at least one of the two)")]
public sealed record SetAmbitionRequest([property: Required] MunicipalityCode? Municipality, [property: Range(0, int.MaxValue)] int? Placements, [property: Range(0, int.MaxValue)] int? SroiPlacements);

public sealed record AmbitionResponse(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements);

/// <summary>PUT /api/v1/ambitions/{year} — the year's ambition, recorded as an event (the history keeps every earlier value).</summary>
public static class SetAmbitionEndpoint
{
    [WolverinePut("/api/v1/ambitions/{year:int}", OperationId = "setAmbition")]
    public static async Task<IResult> HandleAsync(int year, HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<SetAmbitionRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
        if (year is < AmbitionDecider.FirstYear or > AmbitionDecider.LastYear)
            errors.Add("year", $"A year from {AmbitionDecider.FirstYear} to {AmbitionDecider.LastYear}.");
        errors.Required("municipality", request.Municipality);
        if (request is { Placements: null, SroiPlacements: null })
            errors.Add("placements", "Give placements, sroiPlacements or both.");
        if (request.Placements < 0) errors.Add("placements", "0 or more.");
        if (request.SroiPlacements < 0) errors.Add("sroiPlacements", "0 or more.");
        if (errors.Any) return Problems.BadRequest(errors);

        var municipality = request.Municipality!.Value;
        if (Caller.From(http).Municipality is { } own && own != municipality)
            return Problems.Forbidden($"This key sets ambitions for {own} only.");

        var command = new SetAmbition(municipality, year, request.Placements, request.SroiPlacements);
        // A year's ambition holds whatever else the stream holds: a lost race is decided again.
        return await writer.ExecuteAsync(http, new StreamWrite<AmbitionsDocument>($"The ambitions of {municipality}", municipality,
            AmbitionEvents.StreamOf(municipality), body.Fingerprint, (_, _) =>
            {
                var set = AmbitionDecider.Decide(command);
                var response = new AmbitionResponse(set.Municipality, set.Year, set.Placements, set.SroiPlacements);
                return new Decision([set], StatusCodes.Status200OK, null, JsonSerializer.Serialize(response, LedgerJson.Options));
            })
        {
            RetryOnConflict = true,
        }, ct);
    }
    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Set a year's ambition: placements and SROI placements (a wsp key: its own municipality).").RequireRoles(Role.Wsp, Role.Admin).WithTags("Ambitions")
            .Accepts<SetAmbitionRequest>("application/json")
            .Produces<AmbitionResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesLedgerWriteProblems();
}
