using System.Text.Json;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>
/// GET/POST /api/v1/building-block-tables: the versioned tables that value fulfilment. Every key may read them
/// (contractors see how their reports are valued); the WSP adds versions for its own municipality, an
/// administrator for any.
/// </summary>
public static class BuildingBlockEndpoints
{

    [WolverineGet("/api/v1/building-block-tables", OperationId = "listBuildingBlockTables")]
    public static async Task<IResult> ListAsync(HttpContext http, Marten.IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = MunicipalityScope.ForList(http, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        return Results.Json(await BuildingBlockTables.ListAsync(store, municipality, ct), LedgerJson.Options);
    }

    [WolverineGet("/api/v1/building-block-tables/{id}", OperationId = "getBuildingBlockTable")]
    public static async Task<IResult> GetAsync(string id, Marten.IDocumentStore store, CancellationToken ct)
    {
        // "GM0603-bouwblokken-v1": the municipality's versions hold it, if any does.
        var municipality = id.Length >= 6 && MunicipalityCode.TryParse(id[..6], out var code) ? code : (MunicipalityCode?)null;
        var table = municipality is null ? null : (await BuildingBlockTables.ListAsync(store, municipality, ct)).FirstOrDefault(t => t.Id == id);
        return table is null ? Problems.NotFound($"Building-block table {id}") : Results.Json(table, LedgerJson.Options);
    }

    [WolverinePost("/api/v1/building-block-tables", OperationId = "addBuildingBlockTable")]
    public static async Task<IResult> AddAsync(HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<AddBuildingBlockTableRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var caller = Caller.From(http);
        var errors = new FieldErrors();
        var municipality = MunicipalityOf(body!.Value.Municipality, caller, errors);
        if (municipality is null) return Problems.BadRequest(errors);
        if (caller.Role == Role.Wsp && municipality != caller.Municipality)
            return Problems.Forbidden($"A WSP key adds tables for its own municipality ({caller.Municipality}) only.");
        var command = BuildingBlockTableValidation.Validate(body.Value, municipality.Value, errors);
        if (command is null) return Problems.BadRequest(errors);

        return await writer.ExecuteAsync(http, new StreamWrite<BuildingBlockTableDocument>(
            $"The building-block tables of {municipality}", municipality.Value, BuildingBlockEvents.StreamOf(municipality.Value),
            body.Fingerprint, (tables, _) =>
            {
                var added = BuildingBlockTableDecider.Decide(command, tables?.History ?? BuildingBlockTableHistory.Empty);
                return new Decision([added], StatusCodes.Status201Created, $"/api/v1/building-block-tables/{added.Table.Id}",
                    JsonSerializer.Serialize(added.Table, LedgerJson.Options));
            }), ct);
    }

    private static MunicipalityCode? MunicipalityOf(string? text, Caller caller, FieldErrors errors)
    {
        if (text is null)
        {
            if (caller.Municipality is null) errors.Add("municipality", "Required for an administrator.");
            return caller.Municipality;
        }
        if (MunicipalityCode.TryParse(text, out var code)) return code;
        errors.Add("municipality", QueryParameters.MunicipalityMessage);
        return null;
    }

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(ListAsync):
                chain.Describe("Building-block table versions (an admin: all, or of `municipality`; any other key: its own municipality's, naming another is 403).").WithTags("Building-block tables").RequireRoles(Role.Admin, Role.Wsp, Role.Inkoop, Role.Auditor, Role.Opdrachtnemer)
                    .Produces<BuildingBlockTable[]>().ProducesValidationProblem();
                break;
            case nameof(GetAsync):
                chain.Describe("One table version by its id, e.g. GM0603-bouwblokken-v1.").WithTags("Building-block tables").RequireRoles(Role.Admin, Role.Wsp, Role.Inkoop, Role.Auditor, Role.Opdrachtnemer)
                    .Produces<BuildingBlockTable>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
            case nameof(AddAsync):
                chain.Describe("Add a table version with its effective date; versions are never edited.").WithTags("Building-block tables").RequireRoles(Role.Admin, Role.Wsp)
                    .Accepts<AddBuildingBlockTableRequest>("application/json")
                    .Produces<BuildingBlockTable>(StatusCodes.Status201Created).ProducesValidationProblem()
                    .ProducesProblem(StatusCodes.Status403Forbidden).ProducesLedgerWriteProblems();
                break;
        }
    }
}
