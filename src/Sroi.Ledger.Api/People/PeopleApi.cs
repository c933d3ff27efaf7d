using Microsoft.AspNetCore.Authentication;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// The people directory's endpoints under /api/v1/people, for administrators only: the list holds e-mail addresses,
/// which an auditor does not need — the histories already show an auditor each actor's name and organisation.
/// </summary>
public static class PeopleApi
{
    public static void MapPeople(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");

        people.MapGet("", PeopleEndpoints.ListAsync).WithName("listPeople").IsExpensiveRead()
            .WithSummary("The people directory, most recently seen first; page, pageSize (at most 100). Names and e-mail addresses are personal data: they are never in an event, only here, and null once erased.")
            .RequireRoles(Role.Admin);

        people.MapGet("/{actor}", PeopleEndpoints.GetAsync).WithName("getPerson")
            .WithSummary("One person of the directory by the actor id the events record (person:…).")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

        people.MapDelete("/{actor}", PeopleEndpoints.EraseAsync).WithName("erasePerson")
            .WithSummary("Erase a person's name and e-mail address (AVG/GDPR art. 17). The events keep the pseudonymous actor id, so every chain, signature and checkpoint stays valid; histories then show the actor id without a name. Idempotent: 204 again. A later sign-in of the same person fills the name in again.")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The directory, its sign-in throttle, and the claims transformation that fills it.</summary>
    public static IServiceCollection AddPeopleDirectory(this IServiceCollection services) =>
        services.AddSingleton<PeopleDirectory>()
            .AddSingleton<SignInThrottle>()
            .AddSingleton<IClaimsTransformation, PeopleClaimsTransformation>();
}
