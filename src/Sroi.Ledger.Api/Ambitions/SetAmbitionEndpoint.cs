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
using System.Text.Json.Serialization;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>A null figure: no ambition for it that year. PUT replaces the year's ambition whole.</summary>
[RequiredWhen("placements", "sroiPlacements is not given (at least one of the two)")]
/// <param name="ByKind">Placements aimed for per placement kind (e.g. <c>{"beschut-werk": 15}</c>); optional.</param>
public sealed record SetAmbitionRequest([property: Required] MunicipalityCode? Municipality, [property: Range(0, int.MaxValue)] int? Placements,
    [property: Range(0, int.MaxValue)] int? SroiPlacements, IReadOnlyDictionary<string, int>? ByKind = null);

/// <param name="ByKind">Per placement kind; left out when the year has none (so answers without it stay as they were).</param>
public sealed record AmbitionResponse(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? ByKind = null)
{
    public static IReadOnlyDictionary<string, int>? Of(IReadOnlyList<KindAmbition>? byKind) =>
        byKind is null ? null : byKind.ToDictionary(k => CandidateReportTables.Kebab(k.Kind), k => k.Placements);
}

/// <summary>PUT /api/v1/ambitions/{year} — the year's ambition, recorded as an event (the history keeps every earlier value).</summary>
public static class SetAmbitionEndpoint
{
    private static readonly Dictionary<string, PlacementKind> Kinds = Enum.GetValues<PlacementKind>().ToDictionary(CandidateReportTables.Kebab);

    public static async Task<Results<Written<AmbitionResponse>, ProblemHttpResult>> HandleAsync(
        int year, JsonBody<SetAmbitionRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        if (year is < AmbitionDecider.FirstYear or > AmbitionDecider.LastYear)
            errors.Add("year", $"A year from {AmbitionDecider.FirstYear} to {AmbitionDecider.LastYear}.");
        errors.Required("municipality", request.Municipality);
        if (request is { Placements: null, SroiPlacements: null, ByKind: null or { Count: 0 } })
            errors.Add("placements", "Give placements, sroiPlacements or both.");
        if (request.Placements < 0) errors.Add("placements", "0 or more.");
        if (request.SroiPlacements < 0) errors.Add("sroiPlacements", "0 or more.");
        var byKind = new List<KindAmbition>();
        foreach (var (name, placements) in request.ByKind ?? new Dictionary<string, int>())
        {
            if (!Kinds.TryGetValue(name, out var kind)) errors.Add($"byKind.{name}", $"Not a placement kind: one of {string.Join(", ", Kinds.Keys)}.");
            else if (placements < 0) errors.Add($"byKind.{name}", "0 or more.");
            else byKind.Add(new KindAmbition(kind, placements));
        }
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var municipality = request.Municipality!.Value;
        if (caller.Municipality is { } own && own != municipality)
            return Problems.Forbidden($"This key sets ambitions for {own} only.");

        var command = new SetAmbition(municipality, year, request.Placements, request.SroiPlacements, byKind);
        // A year's ambition holds whatever else the stream holds: writers queue on the stream's lock and each lands.
        return await writer.WriteAsync<AmbitionsDocument, Written<AmbitionResponse>>(
            new(municipality, AmbitionEvents.StreamOf(municipality), $"The ambitions of {municipality}"), caller, headers,
            body.Fingerprint, reason: null, (_, _) =>
            {
                var set = AmbitionDecider.Decide(command);
                var kinds = AmbitionDecider.ByKind(command);
                return new Decision<Written<AmbitionResponse>>(kinds is null ? [set] : [set, kinds],
                    Answers.Changed(new AmbitionResponse(set.Municipality, set.Year, set.Placements, set.SroiPlacements, AmbitionResponse.Of(kinds?.ByKind))));
            }, ct);
    }
}
