namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The API's routes: one group under /api/v1, each feature mapping its own endpoints on it (<c>MapXxx</c> in the
/// feature's folder). The group's filters answer a body that could not be read before any endpoint runs and a municipality
/// the ledger does not know (<see cref="UnknownMunicipalities"/>); a ledger
/// write's own filter (<see cref="LedgerWriteDescription.ProducesLedgerWriteProblems"/>) answers 503 during a rebuild.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        // Rate limits are the middleware's (RateLimiting/LedgerRateLimiting), for every request: an endpoint only marks its
        // reads as expensive (.IsExpensiveRead()).
        var api = app.MapGroup(Prefix).AnswerRefusedBodies().AnswerUnknownMunicipalities();
        Contracts.ContractApi.MapContracts(api);
        Plans.PlanApi.MapPlans(api);
        Fulfilments.FulfilmentApi.MapFulfilments(api);
        Candidates.CandidateApi.MapCandidates(api);
        Placements.PlacementApi.MapPlacements(api);
        Policies.PolicyApi.MapPolicies(api);
        BuildingBlocks.BuildingBlockApi.MapBuildingBlocks(api);
        Ambitions.AmbitionApi.MapAmbitions(api);
        Reports.ReportApi.MapReports(api);
        Programmes.ProgrammeApi.MapProgrammes(api);
        Worklist.WorklistApi.MapWorklist(api);
        Notifications.NotificationApi.MapNotifications(api);
        Auth.ApiKeyApi.MapApiKeys(api);
        People.PeopleApi.MapPeople(api);
        People.MunicipalityApi.MapMunicipalities(api);
        Regions.RegionApi.MapRegions(api);
        Webhooks.WebhookApi.MapWebhooks(api);
        Auditing.AuditApi.MapAudit(api);
        Admin.AdminApi.MapAdmin(api);
        Pso.PsoApi.MapPso(api);
        Importing.ImportApi.MapImports(api);
        return api;
    }
}
