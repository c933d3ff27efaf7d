using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// A 503 problem with its Retry-After header, as a typed result: a <see cref="ProblemHttpResult"/> carries no header of
/// its own, and an endpoint that takes no <see cref="HttpContext"/> has no response to set it on.
/// </summary>
public sealed class RetryLater(ProblemHttpResult problem, int retryAfterSeconds)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IContentTypeHttpResult
{
    public ProblemHttpResult Problem => problem;

    public int RetryAfterSeconds => retryAfterSeconds;

    public int? StatusCode => problem.StatusCode;

    public ProblemDetails Value => problem.ProblemDetails;

    object? IValueHttpResult.Value => problem.ProblemDetails;

    public string? ContentType => problem.ContentType;

    /// <summary>503 with Retry-After: the ledger cannot take the request now, but will shortly.</summary>
    /// <param name="extensions">What was found, for a health check's answer.</param>
    public static RetryLater Unavailable(string detail, int retryAfterSeconds, IDictionary<string, object?>? extensions = null) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable for a moment.", detail: detail,
            type: "https://sroi-ledger.nl/problems/unavailable", extensions: extensions), retryAfterSeconds);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
