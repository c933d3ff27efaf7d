using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>A null figure: no ambition for it that year. PUT replaces the year's ambition whole.</summary>
[RequiredWhen("placements", "sroiPlacements is not given (at least one of the two)")]
public sealed record SetAmbitionRequest([property: Required] MunicipalityCode? Municipality, [property: Range(0, int.MaxValue)] int? Placements, [property: Range(0, int.MaxValue)] int? SroiPlacements);

public sealed record AmbitionResponse(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements);

/// <summary>PUT /api/v1/ambitions/{year} — the year's ambition, recorded as an event (the history keeps every earlier value).</summary>
public static class SetAmbitionEndpoint
{

    public static async Task<Results<Written<AmbitionResponse>, ProblemHttpResult>> HandleAsync(
        int year, JsonBody<SetAmbitionRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        if (year is < AmbitionDecider.FirstYear or > AmbitionDecider.LastYear)
            errors.Add("year", $"A year from {AmbitionDecider.FirstYear} to {AmbitionDecider.LastYear}.");
        errors.Required("municipality", request.Municipality);
        if (request is { Placements: null, SroiPlacements: null })
            errors.Add("placements", "Give placements, sroiPlacements or both.");
        if (request.Placements < 0) errors.Add("placements", "0 or more.");
        if (request.SroiPlacements < 0) errors.Add("sroiPlacements", "0 or more.");
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var municipality = request.Municipality!.Value;
        if (caller.Municipality is { } own && own != municipality)
            return Problems.Forbidden($"This key sets ambitions for {own} only.");

        var command = new SetAmbition(municipality, year, request.Placements, request.SroiPlacements);
        // A year's ambition holds whatever else the stream holds: writers queue on the stream's lock and each lands.
        return await writer.WriteAsync<AmbitionsDocument, Written<AmbitionResponse>>(
            new(municipality, AmbitionEvents.StreamOf(municipality), $"The ambitions of {municipality}"), caller, headers,
            body.Fingerprint, reason: null, (_, _) =>
            {
                var set = AmbitionDecider.Decide(command);
                return new Decision<Written<AmbitionResponse>>([set],
                    Answers.Changed(new AmbitionResponse(set.Municipality, set.Year, set.Placements, set.SroiPlacements)));
            }, ct);
    }
}
