using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Programmes;

public sealed record ProgrammeList(MunicipalityCode Municipality, IReadOnlyList<ProgrammeResponse> Items);

/// <summary>GET /api/v1/programmes and /api/v1/programmes/{code}: the municipality's programmes as they stand.</summary>
public static class ProgrammeQueries
{
    public static async Task<Results<Ok<ProgrammeList>, ProblemHttpResult>> ListAsync(
        [AsParameters] MunicipalityQuery scope, ClaimsPrincipal user, ProgrammeReader reader, CancellationToken ct)
    {
        var (municipality, outside) = MunicipalityScope.ForRead(Caller.From(user), scope);
        if (outside is not null) return outside;
        var documents = await reader.ListAsync(municipality, ct);
        return TypedResults.Ok(new ProgrammeList(municipality, [.. documents.Select(ProgrammeResponse.From)]));
    }

    public static async Task<Results<Versioned<ProgrammeResponse>, ProblemHttpResult>> GetAsync(string code,
        [AsParameters] MunicipalityQuery scope, ClaimsPrincipal user, ProgrammeReader reader, CancellationToken ct)
    {
        var (_, badCode) = ProgrammePath.Parse(code);
        if (badCode is not null) return badCode;
        var (municipality, outside) = MunicipalityScope.ForRead(Caller.From(user), scope);
        if (outside is not null) return outside;
        return await reader.LoadAsync(municipality, code, ct) is { } document
            ? LedgerResults.Versioned(ProgrammeResponse.From(document), document.StreamVersion)
            : Problems.NotFound($"Programme {code}");
    }
}
