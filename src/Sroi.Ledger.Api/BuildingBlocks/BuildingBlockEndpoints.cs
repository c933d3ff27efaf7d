using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>
/// GET/POST /api/v1/building-block-tables: the versioned tables that value fulfilment. Every key may read them
/// (contractors see how their reports are valued); the WSP adds versions for its own municipality, an
/// administrator for any.
/// </summary>
public static class BuildingBlockEndpoints
{
    public static readonly Role[] Readers = [Role.Admin, Role.Wsp, Role.Inkoop, Role.Auditor, Role.Opdrachtnemer];

    [ListsWhatMakesAMunicipalityKnown]
    public static async Task<Results<Ok<IReadOnlyList<BuildingBlockTable>>, ProblemHttpResult>> ListAsync(
        [AsParameters] MunicipalityQuery query, ClaimsPrincipal user, Marten.IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, query.Municipality, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        // A contractor acting in every municipality: those where it holds a contract (or the one of them it names).
        var (reach, beyondReach) = await MunicipalityScope.ContractorReachAsync(db, caller, municipality, ct);
        if (beyondReach is not null) return beyondReach;
        var versions = await BuildingBlockTables.ListAsync(store, municipality, ct);
        return TypedResults.Ok(reach is null ? versions : versions.Where(t => reach.Contains(t.Municipality)).ToList());
    }

    public static async Task<Results<Ok<BuildingBlockTable>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, Marten.IDocumentStore store,
        NpgsqlDataSource db, CancellationToken ct)
    {
        // "GM0603-bouwblokken-v1": the municipality's versions hold it, if any does.
        var municipality = id.Length >= 6 && MunicipalityCode.TryParse(id[..6], out var code) ? code : (MunicipalityCode?)null;
        // A contractor acting in every municipality reads the tables of those where it holds a contract; another's is not there for it.
        if (municipality is not null && (await MunicipalityScope.ContractorReachAsync(db, Caller.From(user), municipality, ct)).Forbidden is not null)
            municipality = null;
        var table = municipality is null ? null : (await BuildingBlockTables.ListAsync(store, municipality, ct)).FirstOrDefault(t => t.Id == id);
        return table is null ? Problems.NotFound($"Building-block table {id}") : TypedResults.Ok(table);
    }

    public static async Task<Results<WrittenNew<BuildingBlockTable>, ProblemHttpResult>> AddAsync(
        JsonBody<AddBuildingBlockTableRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var errors = body.Errors;
        var municipality = MunicipalityOf(body.Value.Municipality, caller, errors);
        if (municipality is null) return Problems.BadRequest(errors);
        if (caller.Role == Role.Wsp && municipality != caller.Municipality)
            return Problems.Forbidden($"A WSP key adds tables for its own municipality ({caller.Municipality}) only.");
        var command = BuildingBlockTableValidation.Validate(body.Value, municipality.Value, errors);
        if (command is null || errors.Any) return Problems.BadRequest(errors);

        return await writer.WriteAsync<BuildingBlockTableDocument, WrittenNew<BuildingBlockTable>>(
            new(municipality.Value, BuildingBlockEvents.StreamOf(municipality.Value), $"The building-block tables of {municipality}"), caller, headers,
            body.Fingerprint, reason: null, (tables, _) =>
            {
                var added = BuildingBlockTableDecider.Decide(command, tables?.History ?? BuildingBlockTableHistory.Empty);
                return new Decision<WrittenNew<BuildingBlockTable>>([added], Answers.Created(added.Table, $"/api/v1/building-block-tables/{added.Table.Id}"));
            }, ct);
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
}
