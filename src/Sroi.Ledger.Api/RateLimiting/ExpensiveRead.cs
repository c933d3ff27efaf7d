using Sroi.Ledger.Api.RateLimiting;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// A read whose cost grows with a contract, a candidate or a municipality, limited per caller and per node by the middleware
/// <see cref="LedgerRateLimiters.ExpensiveReads"/> (<see cref="CallerConcurrency.ExpensiveInFlight"/> in flight): the
/// worklist, the lists, the reports and exports, the verification, the histories, a contract's reports, and any read as
/// known on a past moment (<c>?asKnownOn=</c>), which folds the stream's events up to that moment instead of reading the
/// stored document. Issue 23: before, the histories, <c>?asKnownOn=</c> and the report list were limited only by the four
/// requests in flight every request shares, so one caller could keep four folds of a 2,000-report contract running.
/// </summary>
public sealed class ExpensiveRead
{
    private static readonly ExpensiveRead Marker = new();

    private ExpensiveRead() { }

    /// <summary>Mark an endpoint as always expensive: <c>.IsExpensiveRead()</c> (see <see cref="ExpensiveReadConventions"/>).</summary>
    internal static ExpensiveRead Always => Marker;

    /// <summary>
    /// Whether this request is one: its endpoint is marked, or it is a read (GET or HEAD) whose query names a past moment
    /// (either of <see cref="QueryParameters.AsKnownOn"/>'s names), whichever endpoint it calls. A write naming one is no
    /// read as known on anything: it is refused 400 for the parameter, and waited for a place of the node's expensive reads
    /// before it was told so (session 39's attack).
    /// </summary>
    public static bool IsExpensive(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ExpensiveRead>() is not null
        || (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && (http.Request.Query.ContainsKey(QueryParameters.AsKnownOn) || http.Request.Query.ContainsKey(QueryParameters.KnownOnAlias));
}

public static class ExpensiveReadConventions
{
    /// <summary>This endpoint's reads are expensive whatever their query (<see cref="ExpensiveRead"/>).</summary>
    public static TBuilder IsExpensiveRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ExpensiveRead.Always);
}
