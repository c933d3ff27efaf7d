using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// <c>GET /api/v1/municipalities</c>: the shipped table of municipality names, for every signed-in role, so that a page
/// names a municipality instead of showing its code. Not personal and not ledger data: the same answer for everyone.
/// </summary>
public static class MunicipalityApi
{
    public static void MapMunicipalities(RouteGroupBuilder api) =>
        api.MapGet("/municipalities", () => TypedResults.Ok(MunicipalityNames.List)).WithName("listMunicipalities").WithTags("Municipalities")
            .WithSummary("Every municipality's CBS code and name (CBS gebiedsindeling 2025, 342 municipalities), ordered by code.")
            .RequireRoles(Enum.GetValues<Role>());
}
