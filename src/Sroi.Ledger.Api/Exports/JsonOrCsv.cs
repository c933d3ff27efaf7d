using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// 200 with <typeparamref name="T"/> as JSON, or the same data as CSV (<see cref="CsvResult"/>), as the request's
/// <c>Accept</c> chose (<see cref="AcceptedFormat"/>). A typed result: the endpoint's signature declares both content
/// types of the 200 and the 406 of an Accept that allows neither; <see cref="CsvResponses"/> describes the CSV itself.
/// </summary>
public sealed class JsonOrCsv<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    private readonly CsvExport? csv;

    private JsonOrCsv(T? json, CsvExport? csv) => (Value, this.csv) = (json, csv);

    public static JsonOrCsv<T> Json(T value) => new(value, null);

    public static JsonOrCsv<T> Csv(CsvExport export) => new(default, export);

    /// <summary>The JSON answer; null when the answer is the CSV.</summary>
    public T? Value { get; }

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) =>
        csv is not null ? new CsvResult(csv).ExecuteAsync(httpContext) : TypedResults.Ok(Value).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json", CsvWriter.MediaType]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status406NotAcceptable, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

public static class JsonOrCsv
{
    /// <summary>The data as the format asks: JSON, or CSV written by <paramref name="csv"/> (a report's rows are its JSON's values).</summary>
    public static JsonOrCsv<T> As<T>(ResponseFormat format, T value, Func<T, CsvExport> csv) =>
        format == ResponseFormat.Csv ? JsonOrCsv<T>.Csv(csv(value)) : JsonOrCsv<T>.Json(value);
}
