using Microsoft.AspNetCore.Routing.Matching;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// A body's content type is judged by the endpoint's <see cref="JsonBody{T}"/> (the ledger's 415 problem, after the
/// caller is known), not by routing. ASP.NET's routing reads the same accepts metadata (which the OpenAPI document needs)
/// to pick endpoints by Content-Type, and answers a mismatch itself: a bare 415 with no detail, before authentication, so a
/// request without a key got a 415 instead of the 401 and the problem type the document lists was never sent.
/// </summary>
public static class ContentTypeRouting
{
    /// <summary>Removes routing's content-type matcher. Call after every service is added (a later AddRouting would bring it back).</summary>
    public static IServiceCollection WithoutContentTypeRouting(this IServiceCollection services)
    {
        // The policy is internal to ASP.NET, known by its name only: HostileInputTests (the 415 after the 401) fails should it be renamed.
        foreach (var policy in services.Where(d => d.ServiceType == typeof(MatcherPolicy)
                     && d.ImplementationType?.FullName == "Microsoft.AspNetCore.Routing.Matching.AcceptsMatcherPolicy").ToList())
            services.Remove(policy);
        return services;
    }
}
