using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>A body bound by <see cref="JsonBody{T}"/>: what <see cref="RefusedBodies"/> looks for among an endpoint's arguments.</summary>
public interface IJsonBody
{
    /// <summary>An answer that ends the request before the endpoint runs (415, 413, JSON that does not parse); else null.</summary>
    IResult? Refusal { get; }
}

/// <summary>
/// A JSON request body as an endpoint parameter: read by <see cref="RequestBody"/> (bounded, screened, every field's
/// error collected) rather than by ASP.NET's binder, whose failure is a bare 400 naming nothing. The endpoint gets the
/// value with the fields that did parse, the errors of those that did not (<see cref="Errors"/>, to which its own
/// validation adds, so that one 400 names every bad field) and the body's fingerprint for Idempotency-Key. The OpenAPI
/// document learns the body's schema from the parameter (<see cref="PopulateMetadata"/>), as for a [FromBody] one.
/// </summary>
public sealed class JsonBody<T> : IJsonBody, IEndpointParameterMetadataProvider where T : class
{
    private JsonBody(T? value, FieldErrors errors, byte[] fingerprint, IResult? refusal)
    {
        value_ = value;
        Errors = errors;
        Fingerprint = fingerprint;
        Refusal = refusal;
    }

    private readonly T? value_;

    /// <summary>The body's fields; a field whose value had the wrong type is null here and named in <see cref="Errors"/>.</summary>
    public T Value => value_ ?? throw new InvalidOperationException("A refused body has no value; RefusedBodies answers before the endpoint runs.");

    /// <summary>The fields that did not parse; the endpoint's validation adds its own and answers 400 when any.</summary>
    public FieldErrors Errors { get; }

    /// <summary>SHA-256 of the method, path and body bytes: an Idempotency-Key repeated with another body is refused.</summary>
    public byte[] Fingerprint { get; }

    public IResult? Refusal { get; }

    /// <summary>For a body whose fields are all optional (<see cref="IOptionalBody{T}"/>): what no body at all means.</summary>
    private static readonly T? Empty = typeof(T).IsAssignableTo(typeof(IOptionalBody<T>))
        ? (T?)typeof(T).GetProperty(nameof(IOptionalBody<T>.Empty), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)
        : null;

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var (body, problem) = Empty is { } empty
            ? await RequestBody.ReadOptionalAsync(http.Request, empty, partial: true, http.RequestAborted)
            : await RequestBody.ReadAsync<T>(http.Request, partial: true, http.RequestAborted);
        return body is null
            ? new JsonBody<T>(null, new FieldErrors(), [], problem ?? Problems.BadRequest("body", "The body must be a JSON object."))
            : new JsonBody<T>(body.Value, body.Errors, body.Fingerprint, null);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T), IsOptional: Empty is not null));
}

/// <summary>
/// The JSON body an endpoint takes, for the OpenAPI document only. Deliberately not ASP.NET's <c>IAcceptsMetadata</c>:
/// routing reads that to pick endpoints by Content-Type and answers a mismatch itself with a bare 415 before
/// authentication, where the ledger's 415 problem belongs to the body binding, after the 401/403.
/// </summary>
public sealed record JsonBodyMetadata(Type RequestType, bool IsOptional)
{
    public const string ContentType = "application/json";
}

/// <summary>A request body whose fields are all optional (an acceptance with or without a note): no body is <see cref="Empty"/>.</summary>
public interface IOptionalBody<TSelf> where TSelf : class
{
    static abstract TSelf Empty { get; }
}

/// <summary>
/// The API group's endpoint filter: a body that could not be read at all (<see cref="IJsonBody.Refusal"/>) is answered
/// before the endpoint runs, so that an endpoint only ever sees a body it can validate. A filter factory, so it is part of
/// only the endpoints that take a <see cref="JsonBody{T}"/>: on any other ASP.NET builds no filter pipeline at all (which
/// boxes every argument and the result on each request).
/// </summary>
public static class RefusedBodies
{
    public static RouteGroupBuilder AnswerRefusedBodies(this RouteGroupBuilder group) =>
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var at = Array.FindIndex(factory.MethodInfo.GetParameters(), p => typeof(IJsonBody).IsAssignableFrom(p.ParameterType));
            if (at < 0) return next;
            return context => context.Arguments[at] is IJsonBody { Refusal: { } refusal }
                ? ValueTask.FromResult<object?>(refusal)
                : next(context);
        });
}
