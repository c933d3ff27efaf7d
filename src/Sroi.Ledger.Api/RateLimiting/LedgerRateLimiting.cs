using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Sroi.Ledger.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Sroi.Ledger.Api.Dashboard.SignIn;
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
/// authentication middleware set it: a key or a person; a request without a known key by its remote address). Two
/// rate-limiting middlewares, one inside the other (<see cref="UseLedgerRateLimiting"/>):
/// <list type="bullet">
/// <item><see cref="LedgerRateLimiters.Callers"/>, per caller, chained: the rate (<see cref="RateLimitSettings"/>, a token
/// bucket), the requests in flight (<see cref="CallerConcurrency"/>, a concurrency limiter with a short queue) and, for the
/// reads whose cost grows with a contract, a candidate or a municipality (<see cref="ExpensiveRead"/>), a second, smaller
/// concurrency limiter of the caller's expensive reads: all held from the request's first byte to its answer's last;</item>
/// <item><see cref="LedgerRateLimiters.ExpensiveReads"/>, the node's expensive reads (<see cref="NodeExpensiveReads"/>), one
/// concurrency limiter for every caller, held only while the read runs: its body is read before it and its answer sent
/// after it (<see cref="ExpensiveReadBuffering"/>), so a slow client holds none of the node's places.</item>
/// </list>
/// A caller enters the node's queue only with a place of its own expensive reads, so the node's queue holds at most
/// <see cref="CallerConcurrency.ExpensiveInFlight"/> of each caller's, served oldest first: a caller that sends a hundred
/// waits behind itself, not in front of another. And a request its caller's own limits refuse is refused before its body
/// is read (session 40's attack: with the caller's expensive limiter inside the read-ahead, such a request was first sent
/// <c>100 Continue</c> and had its body read, to be refused 429 after).
/// The OpenAPI document, Swagger UI, the dashboard's pages and health probes need no key and are never limited; the
/// sign-in's /dashboard/sessie and /dashboard/uitloggen are counted when they carry the session cookie, whose session they
/// read (<see cref="DashboardSignIn.ReadsSession"/>). A refused request is a 429 problem+json with Retry-After, unless a
/// look-up found its credential unknown (<see cref="LedgerRateLimiters.FoundUnknown"/>): then its scheme's 401.
/// </summary>
public static class LedgerRateLimiting
{
    public static void AddLedgerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        var concurrency = CallerConcurrency.From(configuration);
        var node = NodeExpensiveReads.From(configuration, Environment.ProcessorCount);
        services.AddSingleton(settings);
        services.AddSingleton(concurrency);
        services.AddSingleton(node);
        Func<OnRejectedContext, CancellationToken, ValueTask> refuse = (context, _) =>
            new ValueTask(LedgerRateLimiters.FoundUnknown(context.HttpContext) && LedgerPolicies.NeedsCaller(context.HttpContext.GetEndpoint())
                // Its credential was looked up and found unknown (a revoked key, an ended session, which a look-up of a
                // recently valid one found): its scheme's 401 says so, whichever limit its address is over.
                ? context.HttpContext.ChallengeAsync()
                : Refusal(context.HttpContext, context.Lease, settings).ExecuteAsync(context.HttpContext));
        // The rate's buckets, one limiter: the chain below counts every request in it, and authentication asks it (without
        // taking a token) whether an address has spent its rate before it spends a query on that address's credential
        // (LedgerRateLimiters.SpareLookUp).
        var rate = PartitionedRateLimiter.Create<HttpContext, string>(http => RatePartition(http, settings));
        services.AddSingleton(new LedgerRateLimiters(
            // The bucket first: a request over the rate never takes a place in flight or in the queue; and a place in flight
            // before a place of the caller's expensive reads, so a caller's expensive reads count among its requests.
            Callers: new RateLimiterOptions
            {
                GlobalLimiter = PartitionedRateLimiter.CreateChained(
                    rate,
                    PartitionedRateLimiter.Create<HttpContext, string>(http => InFlightPartition(http, concurrency.InFlight, concurrency.Queued)),
                    PartitionedRateLimiter.Create<HttpContext, string>(http => HoldsCallersExpensivePlace(http, concurrency)
                        ? InFlightPartition(http, concurrency.ExpensiveInFlight, concurrency.Queued)
                        : RateLimitPartition.GetNoLimiter("no expensive read of the caller's"))),
                OnRejected = refuse,
            },
            ExpensiveReads: new RateLimiterOptions
            {
                GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => HoldsNodesExpensivePlace(http, node)
                    // One partition for the whole node. No queue limit of its own: a caller enters it only with one of its
                    // own places (above), so it holds at most callers × ExpensiveInFlight requests, and the callers' queues
                    // refuse the rest. Dropped when idle 10 s, like any partition, and made anew: nothing waits in it then.
                    ? RateLimitPartition.GetConcurrencyLimiter("node", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = node.InFlight,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                        QueueLimit = int.MaxValue,
                    })
                    : RateLimitPartition.GetNoLimiter("no expensive read's place of the node's")),
                OnRejected = refuse,
            },
            Rate: rate));
        // The middleware's own services (its metrics); its options are the two above, given to each middleware.
        services.AddRateLimiter(_ => { });
    }

    /// <summary>
    /// After authentication and before authorization, so that refused and unknown keys count too. Always: every limit off
    /// is every partition a no-limiter. The callers' limits outermost, so a caller's places in flight cover its whole
    /// request, a slow body or a slowly read answer included (only its own places); the node's expensive reads innermost,
    /// with the body read and the answer kept between the two.
    /// </summary>
    public static void UseLedgerRateLimiting(this WebApplication app)
    {
        var limiters = app.Services.GetRequiredService<LedgerRateLimiters>();
        app.UseRateLimiter(limiters.Callers);
        app.UseMiddleware<ExpensiveReadBuffering>();
        app.UseRateLimiter(limiters.ExpensiveReads);
    }

    /// <summary>
    /// The bucket's refusal carries its RetryAfter metadata, a concurrency limiter's does not (the chain answers the lease
    /// of the limiter that refused): a caller over its rate waits for a token, one with too many in flight for a second.
    /// </summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refusal(HttpContext http, RateLimitLease lease, RateLimitSettings settings) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out _)
            ? Problems.TooManyRequests(http, settings.RetryAfterSeconds)
            : Problems.TooManyInFlight(http, CallerConcurrency.RetryAfterSeconds);

    /// <summary>
    /// Who a request counts for: null when the endpoint needs no caller (and is not limited), unless it is one of the
    /// sign-in's endpoints that read the dashboard's session and the request carries its cookie
    /// (<see cref="DashboardSignIn.ReadsSession"/>: /dashboard/sessie, /dashboard/uitloggen), whose read the limiter counts as an API call's.
    /// </summary>
    internal static string? CallerOf(HttpContext http)
    {
        if (!LedgerPolicies.NeedsCaller(http.GetEndpoint()) && !DashboardSignIn.ReadsSession(http)) return null;
        // By actor: a key's role:keyId (one partition per key, as before people signed in), a person's pseudonym (one per
        // person, whichever token they present).
        return Caller.ActorOf(http.User) is { } actor ? $"actor:{actor}" : $"address:{http.Connection.RemoteIpAddress}";
    }

    private static RateLimitPartition<string> RatePartition(HttpContext http, RateLimitSettings settings)
    {
        if (CallerOf(http) is not { } partition || !settings.Enabled)
            return RateLimitPartition.GetNoLimiter("not limited");
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

    private static RateLimitPartition<string> InFlightPartition(HttpContext http, int permits, int queued)
    {
        if (CallerOf(http) is not { } partition || permits <= 0)
            return RateLimitPartition.GetNoLimiter("not limited");
        return RateLimitPartition.GetConcurrencyLimiter(partition, _ => CallerLimiterOptions(permits, queued));
    }

    /// <summary>
    /// Whether a request takes a place of its caller's expensive reads (<see cref="CallerConcurrency.ExpensiveInFlight"/>): an
    /// expensive read of a known key or person, with that limit on. Without a known caller, authorization refuses it (401)
    /// before it reads anything: it must not wait for expensive places to be told so (session 39; one shared by an address
    /// before). The rate and in-flight limits still count it by its address.
    /// </summary>
    internal static bool HoldsCallersExpensivePlace(HttpContext http, CallerConcurrency concurrency) =>
        concurrency.ExpensiveInFlight > 0 && IsKnownCallersExpensiveRead(http);

    /// <summary>
    /// Whether a request waits for one of the node's places (<see cref="NodeExpensiveReads"/>), and so has its body read
    /// ahead and its answer kept (<see cref="ExpensiveReadBuffering"/>): a known caller's expensive read, with the node's limit on.
    /// </summary>
    internal static bool HoldsNodesExpensivePlace(HttpContext http, NodeExpensiveReads node) =>
        node.Enabled && IsKnownCallersExpensiveRead(http);

    private static bool IsKnownCallersExpensiveRead(HttpContext http) =>
        ExpensiveRead.IsExpensive(http) && LedgerPolicies.NeedsCaller(http.GetEndpoint()) && Caller.ActorOf(http.User) is not null;

    internal static ConcurrencyLimiterOptions CallerLimiterOptions(int permits, int queued) => new()
    {
        PermitLimit = permits,
        // Oldest first: a queued request is served in the order it came; a new one beyond the queue is refused at once.
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        QueueLimit = queued,
    };
}

/// <summary>The options of the two rate-limiting middlewares (<see cref="LedgerRateLimiting.UseLedgerRateLimiting"/>).</summary>
/// <param name="Callers">Every caller's rate, requests in flight and expensive reads in flight, for the whole request.</param>
/// <param name="ExpensiveReads">The node's expensive reads, while the read runs.</param>
/// <param name="Rate">The rate's token buckets, the first limiter of <paramref name="Callers"/>' chain (the same instance).</param>
public sealed record LedgerRateLimiters(RateLimiterOptions Callers, RateLimiterOptions ExpensiveReads, PartitionedRateLimiter<HttpContext> Rate)
{
    private const string SparedItem = "sroi:look-up-spared";
    private const string UnknownItem = "sroi:found-unknown";

    /// <summary>
    /// Whether authentication spares the database the look-up of this request's credential (an API key, a dashboard
    /// session): its address has spent its rate (session 43). Asked during authentication, while the request is still
    /// anonymous, so <see cref="Rate"/> answers for the bucket the request counts in if its credential proves unknown,
    /// <c>address:&lt;ip&gt;</c>, and takes no token of it. When that bucket is empty the limiter refuses such a request
    /// anyway; without this, an unknown key cost a query first, so random keys from one address cost the database one
    /// query each, without bound, however many the limiter refused. Not asked for a credential this node found valid lately
    /// (<see cref="RecentlyValid"/>): that one is looked up from any address, so a flood from an address every caller shares
    /// (a proxy in front, a NAT) cannot hold the known callers at 429. What remains: a valid credential not seen on this
    /// node lately, from an address that has spent its rate, is refused 429 until the address has a token again. An
    /// endpoint without a policy, or the rate off, is a no-limiter's partition (permits without end): never spared. A
    /// spared request is marked (<see cref="LookUpSpared"/>).
    /// </summary>
    public bool SpareLookUp(HttpContext http)
    {
        if (Available(http) >= 1)
            return false;
        http.Items[SparedItem] = true;
        return true;
    }

    /// <summary>
    /// A credential not found valid lately waits for its address's turn to be looked up, one look-up at a time for each
    /// address, and is asked about again (<see cref="SpareLookUp"/>) when its turn comes; the turn is the returned
    /// <see cref="LookUpTurn"/>, held until the look-up ends. Why (session 43's attack): the bucket is asked, not spent,
    /// until the limiter counts the request after authentication, so requests in flight together all saw the address's
    /// last token and were all looked up, about twenty look-ups a token at 32–200 connections. One at a time, the look-up
    /// before has had its token counted or is about to be, so a token buys at most two. At most <see cref="LookUpQueue"/>
    /// wait for a turn; one more is spared (the limiter's 429 or its own). Without a bucket (an endpoint without a policy,
    /// the rate off) there is nothing to count against, and no turn.
    /// </summary>
    public async ValueTask<LookUpTurn> TakeLookUpTurnAsync(HttpContext http)
    {
        var available = Available(http);
        if (available == long.MaxValue)
            return LookUpTurn.Free;
        if (available < 1 || LedgerRateLimiting.CallerOf(http) is not { } partition)
            return Spared(http);
        RateLimitLease lease;
        try
        {
            lease = await lookUpTurns.AcquireAsync(partition, 1, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Spared(http); // the client went away while it waited: nothing to look up for it
        }
        if (lease.IsAcquired && !SpareLookUp(http))
            return new LookUpTurn(lease);
        lease.Dispose();
        return Spared(http);
    }

    /// <summary>Requests of one address that may wait for its turn to have a credential looked up (<see cref="TakeLookUpTurnAsync"/>).</summary>
    public const int LookUpQueue = 32;

    private readonly PartitionedRateLimiter<string> lookUpTurns = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetConcurrencyLimiter(address, _ => LedgerRateLimiting.CallerLimiterOptions(1, LookUpQueue)));

    private static LookUpTurn Spared(HttpContext http)
    {
        http.Items[SparedItem] = true;
        return LookUpTurn.None;
    }

    /// <summary>The tokens left in the bucket the request counts in; <see cref="long.MaxValue"/> where it counts in none.</summary>
    private long Available(HttpContext http)
    {
        try
        {
            return Rate.GetStatistics(http)?.CurrentAvailablePermits ?? long.MaxValue;
        }
        catch (ObjectDisposedException)
        {
            // The address's bucket dropped as idle (full for 10 s) between its look-up and this question: nothing spent.
            return 1;
        }
    }

    /// <summary>
    /// Whether this request's credential went unjudged (<see cref="SpareLookUp"/>). Its challenge is then the limiter's
    /// 429, not a 401 for a credential nobody looked up: the address may have had a token again by the time the limiter
    /// counted it (one comes back every 60 / rate s), and a valid key must not be told it is unknown.
    /// </summary>
    public static bool LookUpSpared(HttpContext http) => http.Items.ContainsKey(SparedItem);

    /// <summary>Marks the request whose credential a look-up found unknown (revoked, ended, expired, never issued).</summary>
    public static void MarkFoundUnknown(HttpContext http) => http.Items[UnknownItem] = true;

    /// <summary>
    /// Whether a look-up found this request's credential unknown (<see cref="MarkFoundUnknown"/>). The limiter's refusal of
    /// such a request is its scheme's 401, not a 429: the look-up was made (a credential this node had found valid, from
    /// an address that has spent its rate, as a key revoked since), and the caller is told the credential will not do.
    /// </summary>
    public static bool FoundUnknown(HttpContext http) => http.Items.ContainsKey(UnknownItem);
}

/// <summary>
/// An address's turn to have a credential looked up (<see cref="LedgerRateLimiters.TakeLookUpTurnAsync"/>), held until
/// the look-up ends; or none: the look-up is spared (<see cref="Spared"/>).
/// </summary>
public sealed class LookUpTurn(RateLimitLease? lease, bool spared = false) : IDisposable
{
    /// <summary>Nothing to take a turn of: no bucket counts the request.</summary>
    public static LookUpTurn Free { get; } = new(null);

    /// <summary>The look-up is spared: its address has spent its rate, or too many of its requests wait for their turn.</summary>
    public static LookUpTurn None { get; } = new(null, spared: true);

    public bool Spared => spared;

    public void Dispose() => lease?.Dispose();
}
