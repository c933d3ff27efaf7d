using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.Exports;

/// <summary>The first row of an endpoint's CSV answer (<see cref="JsonOrCsv{T}"/>): the example of its <c>text/csv</c>.</summary>
public sealed record CsvExportMetadata(string Header);

public static class CsvOpenApi
{
    /// <summary>The CSV answer's header row, as its example in the OpenAPI document (its type cannot say it).</summary>
    public static RouteHandlerBuilder WithCsvHeader<TRow>(this RouteHandlerBuilder route, CsvTable<TRow> table) =>
        route.WithMetadata(new CsvExportMetadata(table.HeaderLine));
}

/// <summary>
/// Describes the <c>text/csv</c> of a 200 that declares one (<see cref="JsonOrCsv{T}"/>): a string in the export's format,
/// not the JSON schema of the data it carries, with the header row of <see cref="CsvExportMetadata"/> as its example.
/// </summary>
public sealed class CsvResponses : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response) return;
        if (response.Content?.ContainsKey(CsvWriter.MediaType) != true) return;
        var csv = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvExportMetadata>().FirstOrDefault();
        response.Content[CsvWriter.MediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"With `Accept: text/csv`: UTF-8 with a byte order mark, `{CsvWriter.Separator}` between fields, CRLF between rows " +
                    "(RFC 4180 quoting), numbers with a decimal point, ISO-8601 dates and instants; the first row is the header.",
            },
            Example = csv is null ? null : JsonValue.Create(csv.Header + "\r\n"),
        };
    }
}
