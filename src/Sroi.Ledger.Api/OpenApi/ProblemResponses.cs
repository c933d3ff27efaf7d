using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.OpenApi;

/// <summary>
/// Declares on every operation the problems it can answer, all application/problem+json: 400 on every operation (bad
/// ids, query values, bodies); with a key required 401, 403, 429 and 503; with a body 413 and 415. What only some
/// operations answer (404, 409, 412, 422) the endpoint declares itself (<c>.ProducesProblem</c>,
/// <see cref="LedgerWriteDescription.ProducesLedgerWriteProblems"/>); this filter gives those the shared schema and words.
/// </summary>
public sealed class ProblemResponses : IOperationFilter
{
    private static readonly Dictionary<int, string> Meaning = new()
    {
        [400] = "Invalid request: `errors` names each bad field (body, path or query).",
        [401] = "No API key, or an unknown or revoked one, or a bearer token that is not accepted (`WWW-Authenticate: Bearer`).",
        [403] = "The key's role (or municipality) may not do this.",
        [404] = "Not found, or not visible to this key (existence does not leak).",
        [406] = "Accept allows neither `application/json` nor `text/csv`.",
        [409] = "A concurrent write won (read again and retry), or the value is already counted (`field`).",
        [412] = "If-Match does not match the current version (ETag).",
        [413] = "The body is larger than the service accepts.",
        [415] = "The body is not `application/json`.",
        [422] = "A business rule refuses it: a stable `code` and the `field`.",
        [429] = "Too many requests for this API key (or, without a key, this address): its allowance a minute spent, or too many at once; wait `Retry-After` seconds.",
        [503] = "The ledger cannot take the request right now (database away, read models rebuilding); retry after `Retry-After` seconds.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var needsKey = LedgerPolicies.NeedsCaller(metadata);
        operation.Responses ??= [];
        // The document requires a key globally; an operation that needs none says so.
        if (!needsKey) operation.Security = [];

        Declare(operation, context, 400);
        if (needsKey)
            foreach (var status in new[] { 401, 403, 429, 503 }) Declare(operation, context, status);
        if (operation.RequestBody is not null)
            foreach (var status in new[] { 413, 415 }) Declare(operation, context, status);
        // The endpoint's own declarations (404, 409, 412, 422) get the same schema, media type and words.
        foreach (var status in operation.Responses.Keys.Where(k => k is ['4' or '5', _, _]).Select(int.Parse).ToList())
            Declare(operation, context, status);

    }

    private static void Declare(OpenApiOperation operation, OperationFilterContext context, int status)
    {
        var schemaType = status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        var response = new OpenApiResponse
        {
            Description = Meaning.GetValueOrDefault(status, ReasonPhrase(status)),
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(schemaType, context.SchemaRepository) },
            },
        };
        if (status is 429 or 503)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

/// <summary>
/// The problem+json bodies as the service writes them (Problems.cs): always a type, a title and the status; a 422 adds
/// a stable <c>code</c> and the <c>field</c>, a 409 may name the <c>field</c>; a 400 always has <c>errors</c>.
/// </summary>
public sealed class ProblemSchemas : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || !typeof(ProblemDetails).IsAssignableFrom(context.Type))
            return;
        target.Required = new HashSet<string> { "type", "title", "status" };
        target.Properties ??= new Dictionary<string, IOpenApiSchema>();
        // Generated clients raise a problem as an exception: Kiota takes its message from the property marked so (else
        // "Exception of type … was thrown"); `detail` always says what went wrong in words.
        if (target.Properties.TryGetValue("detail", out var detail) && detail is OpenApiSchema detailSchema)
            detailSchema.Extensions = new Dictionary<string, IOpenApiExtension>(detailSchema.Extensions ?? new Dictionary<string, IOpenApiExtension>())
            {
                ["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true)),
            };
        if (context.Type == typeof(HttpValidationProblemDetails))
        {
            target.Required.Add("errors");
            target.Description = "A 400: `errors` maps each bad field (e.g. `contractor.kvkNumber`, `blocks[0].code`, `body`) to its messages.";
            return;
        }
        target.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "A 422's stable rule code, e.g. `contract.already-completed`.",
            Examples = [JsonValue.Create("contract.already-completed")],
        };
        target.Properties["field"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The request field the problem is about, when there is one.",
        };
    }
}
