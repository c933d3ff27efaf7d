using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// 200 with a stream's read model and its version as the ETag (the If-Match of the next write). A typed result: the
/// endpoint's signature says what it answers, and the OpenAPI document learns it from the type, as for <see cref="Ok{TValue}"/>.
/// </summary>
public sealed class Versioned<T>(T value, long version) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value => value;

    public long Version => version;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ETags.Set(httpContext.Response, version);
        return TypedResults.Ok(value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

public static class LedgerResults
{
    public static Versioned<T> Versioned<T>(T value, long version) => new(value, version);
}
