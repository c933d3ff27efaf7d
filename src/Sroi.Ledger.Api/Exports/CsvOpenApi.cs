using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.Exports;

/// <summary>Marks an endpoint that also answers <c>text/csv</c>; <see cref="Header"/> is its first row.</summary>
public sealed record CsvExportMetadata(string Header);

public static class CsvOpenApi
{
    /// <summary>Declares the CSV answer (with its header row as the example) and the 406 of an Accept that allows neither.</summary>
    public static RouteHandlerBuilder ProducesCsv<TRow>(this RouteHandlerBuilder route, CsvTable<TRow> table) =>
        route.WithMetadata(new CsvExportMetadata(table.HeaderLine)).ProducesProblem(StatusCodes.Status406NotAcceptable);
}

/// <summary>Adds <c>text/csv</c> beside the JSON of the 200 answer of every endpoint marked with <see cref="CsvExportMetadata"/>.</summary>
public sealed class CsvResponses : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvExportMetadata>().FirstOrDefault() is not { } csv) return;
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response) return;
        response.Content ??= new Dictionary<string, IOpenApiMediaType>();
        response.Content[CsvWriter.MediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"With `Accept: text/csv`: UTF-8 with a byte order mark, `{CsvWriter.Separator}` between fields, CRLF between rows " +
                    "(RFC 4180 quoting), numbers with a decimal point, ISO-8601 dates and instants; the first row is the header.",
            },
            Example = JsonValue.Create(csv.Header + "\r\n"),
        };
    }
}
