using System.Globalization;
using System.Threading.RateLimiting;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// How many requests one API key may make (<c>SROI_RATE_LIMIT_PER_MINUTE</c>, 0 = no limit). A token bucket per key that
/// holds a minute's allowance: a client may spend it at once (a batch of reports), then gets it back evenly over the
/// minute. The default of 600 (10 a second sustained) is far above what a municipality's back office or a person in
/// Swagger UI sends, and stops a runaway script before it takes the database from everyone else.
/// </summary>
public sealed record RateLimitSettings(int PerMinute)
{
    public const string Variable = "SROI_RATE_LIMIT_PER_MINUTE";
    public const int DefaultPerMinute = 600;

    public bool Enabled => PerMinute > 0;

    /// <summary>Whole seconds until a refused caller has a request again: one token comes back every 60 / PerMinute s.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(60.0 / PerMinute);

    public static RateLimitSettings From(IConfiguration configuration) => configuration[Variable] switch
    {
        null or "" => new RateLimitSettings(DefaultPerMinute),
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var perMinute) => new RateLimitSettings(perMinute),
        var text => throw new InvalidOperationException($"{Variable} must be a whole number of requests a minute (0 = no limit), not '{text}'."),
    };
}

/// <summary>
/// ASP.NET Core's rate limiter over the API's operations, partitioned by the principal (its actor, as the
/// authentication middleware set it: a key or a person; a request without a known key by its remote address). The
/// OpenAPI document, Swagger UI and health probes need no key and are never limited. A refused request is a 429
/// problem+json with Retry-After.
/// </summary>
public static class LedgerRateLimiting
{
    public static void AddLedgerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => PartitionOf(http, settings));
            options.OnRejected = (context, _) => new ValueTask(
                Problems.TooManyRequests(context.HttpContext, settings.RetryAfterSeconds).ExecuteAsync(context.HttpContext));
        });
    }

    /// <summary>After authentication and before authorization, so that refused and unknown keys count too.</summary>
    public static void UseLedgerRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitSettings>().Enabled) app.UseRateLimiter();
    }

    private static RateLimitPartition<string> PartitionOf(HttpContext http, RateLimitSettings settings)
    {
        if (!LedgerPolicies.NeedsCaller(http.GetEndpoint()))
            return RateLimitPartition.GetNoLimiter("no key needed");
        // By actor: a key's role:keyId (one partition per key, as before people signed in), a person's pseudonym (one per
        // person, whichever token they present).
        var partition = Caller.ActorOf(http.User) is { } actor ? $"actor:{actor}" : $"address:{http.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.PerMinute,
            TokensPerPeriod = settings.PerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            // Replenished by the partitioned limiter's own 100 ms heartbeat, in fractions: a token every 60 / PerMinute s
            // rather than the whole minute's allowance at once.
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }
}
