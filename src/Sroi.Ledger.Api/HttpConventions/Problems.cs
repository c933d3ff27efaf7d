using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Every error the API returns, as application/problem+json (RFC 9457). Each is a <see cref="ProblemHttpResult"/>, so an
/// endpoint's typed answer is <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>; which statuses it may have, the endpoint
/// declares (<c>.ProducesProblem</c>): the status of a problem is a value, not a type.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(FieldErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Detail = string.Join(" ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            Type = "https://sroi-ledger.nl/problems/invalid-request",
        });

    public static ProblemHttpResult BadRequest(string field, string message) => BadRequest(FieldErrors.One(field, message));

    public static ProblemHttpResult RuleViolated(RuleViolation violation) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The request breaks a business rule.",
            detail: violation.Message,
            type: $"https://sroi-ledger.nl/problems/{violation.Code}",
            extensions: new Dictionary<string, object?> { ["code"] = violation.Code, ["field"] = violation.Field });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"{what} does not exist.",
            type: "https://sroi-ledger.nl/problems/not-found");

    /// <param name="field">The field whose value clashes with what is recorded, when one is to blame.</param>
    public static ProblemHttpResult Conflict(string detail, string? field = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail,
            type: "https://sroi-ledger.nl/problems/conflict",
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult PreconditionFailed(long currentVersion) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource has changed.",
            detail: $"If-Match does not match the current version (ETag \"{currentVersion}\"); read it again and retry.",
            type: "https://sroi-ledger.nl/problems/precondition-failed");

    /// <summary>503 with Retry-After: the ledger cannot take the request now, but will shortly.</summary>
    /// <param name="extensions">What was found, for a health check's answer.</param>
    /// <remarks>An endpoint that takes no <see cref="HttpContext"/> answers the typed <see cref="RetryLater.Unavailable"/>.</remarks>
    public static ProblemHttpResult Unavailable(HttpContext http, string detail, int retryAfterSeconds, IDictionary<string, object?>? extensions = null)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RetryLater.Unavailable(detail, retryAfterSeconds, extensions).Problem;
    }

    public static ProblemHttpResult PayloadTooLarge(long limitBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.",
            detail: $"A request body may be at most {limitBytes} bytes ({limitBytes / 1024.0:0.#} KiB).",
            type: "https://sroi-ledger.nl/problems/payload-too-large");

    public static ProblemHttpResult UnsupportedMediaType(string detail = "Send a JSON body with Content-Type application/json.") =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
            detail: detail, type: "https://sroi-ledger.nl/problems/unsupported-media-type");

    /// <summary>406: the resource is served in none of the media types the request's Accept allows.</summary>
    public static ProblemHttpResult NotAcceptable(IReadOnlyList<string> served) =>
        TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable.",
            detail: $"Accept allows none of what this resource is served as: {string.Join(", ", served)}.",
            type: "https://sroi-ledger.nl/problems/not-acceptable");

    /// <summary>429 with Retry-After: this API key (or address) has used its allowance for now.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            detail: $"Too many requests from this API key (or, without a key, from this address); retry after {retryAfterSeconds} s.",
            type: "https://sroi-ledger.nl/problems/too-many-requests");
    }

    /// <summary>429 with Retry-After: this API key (or address) has as many requests in flight, and waiting, as it may.</summary>
    public static ProblemHttpResult TooManyInFlight(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            detail: $"Too many requests at once from this API key (or, without a key, from this address): wait for the ones in flight; retry after {retryAfterSeconds} s.",
            type: "https://sroi-ledger.nl/problems/too-many-requests");
    }

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required.", detail: detail,
            type: "https://sroi-ledger.nl/problems/unauthorized");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail,
            type: "https://sroi-ledger.nl/problems/forbidden");
}
