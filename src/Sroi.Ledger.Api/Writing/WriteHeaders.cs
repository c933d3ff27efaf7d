using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The request headers of a ledger write, bound by ASP.NET (<c>[AsParameters]</c>) so that the OpenAPI document declares
/// them from the endpoint's signature. Bound as text: what a value may look like (<see cref="HttpConventions.TracingHeaders"/>,
/// <see cref="HttpConventions.ETags"/>) the write function judges, so that a bad one is a 400 naming the header, never a
/// bare binding failure.
/// </summary>
public sealed record WriteHeaders
{
    [FromHeader(Name = "If-Match")]
    [Description("The ETag (stream version) this change is based on; 412 when it is stale.")]
    public string? IfMatch { get; init; }

    [FromHeader(Name = Idempotency.IdempotencyKeys.Header)]
    [Description("A repeat with the same key returns the first answer (`Idempotent-Replayed: true`) and writes nothing; with another body it is a 422. " +
        "A UUID must be a valid RFC 9562 UUID; a key whose digits pass the elfproef (about one random UUID in 120) is a 400: send another key.")]
    public string? IdempotencyKey { get; init; }

    [FromHeader(Name = HttpConventions.TracingHeaders.CorrelationId)]
    [Description("Recorded in the events' metadata. A UUID must be a valid RFC 9562 UUID; a generated id whose digits pass the elfproef is replaced by the request's trace id.")]
    public string? CorrelationId { get; init; }

    [FromHeader(Name = HttpConventions.TracingHeaders.CausationId)]
    [Description("Recorded in the events' metadata. A UUID must be a valid RFC 9562 UUID; a generated id whose digits pass the elfproef is not recorded.")]
    public string? CausationId { get; init; }

    public RequestTrace Trace { get; init; }
}

/// <summary>
/// The request's trace identifier: the correlation id of its events when the client sends none. Bound from the request
/// itself (no header, nothing in the OpenAPI document), so that the write function needs no <see cref="HttpContext"/>.
/// </summary>
public readonly record struct RequestTrace(string Id)
{
    public static ValueTask<RequestTrace> BindAsync(HttpContext http) => ValueTask.FromResult(new RequestTrace(http.TraceIdentifier));
}
