using Microsoft.OpenApi;
using NodaTime;
using Sroi.Ledger.Domain.Shared;
using Swashbuckle.AspNetCore.SwaggerGen;
using Sroi.Ledger.Api.Hosting;

namespace Sroi.Ledger.Api.OpenApi;

/// <summary>OpenAPI 3 at /api/v1/openapi.json and Swagger UI at /api/v1/docs (NL API Design Rules).</summary>
public static class OpenApiSetup
{
    public const string DocumentName = "openapi";

    public static void AddLedgerOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Sroi.Ledger",
                Version = ApiVersionHeader.Version,
                Description = "An event-sourced ledger of SROI obligations, fulfilment and placements for Dutch municipalities. " +
                    "Authenticate with `Authorization: Bearer {API key}` (an administrator issues keys: POST /api-keys) or, where " +
                    "the service is connected to an identity provider, `Authorization: Bearer {access token}` of a person signed in there.",
                Contact = new OpenApiContact { Name = "Sroi.Ledger", Url = new Uri("https://sroi-ledger.nl"), Email = "beheer@sroi-ledger.nl" },
            });
            options.AddServer(new OpenApiServer { Url = "/api/v1", Description = "This server" });
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key issued by an administrator, or an OpenID Connect access token (JWT) of a configured issuer.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
            options.MapType<LocalDate>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
            options.MapType<Instant>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" });
            options.MapType<Money>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal", Description = "Euros, at most two decimals." });
            // Amounts, hours and percentages are read as decimals (a third decimal is refused), never as binary floats.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<KvkNumber>(() => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = KvkNumber.Pattern });
            options.MapType<MunicipalityCode>(() => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = MunicipalityCode.Pattern });
            options.MapType<CandidateNumber>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.String, Pattern = CandidateNumber.Pattern, MaxLength = CandidateNumber.MaxLength,
                Description = "Pseudonymous number issued by the WSP; never a BSN (a value passing the elfproef is refused).",
            });
            // A property that is always there is required, one that may be null (T?) is nullable: a generated client types
            // them so. Request records declare every field T? and mark what their validation requires with [Required].
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            // A property of an object type is allOf [its $ref], so that OpenAPI 3.0 can say that it may be null (a bare
            // $ref can carry nothing beside it).
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomSchemaIds(SchemaIds.Of);
            options.DocumentFilter<StripApiPrefix>();
            options.OperationFilter<VersionHeader>();
            options.OperationFilter<CamelCaseQueryParameters>();
            options.OperationFilter<OpenApi.QueryParameterSchemas>();
            options.OperationFilter<OpenApi.AlternativeResponses>();
            options.OperationFilter<AcceptedRequestBody>();
            options.OperationFilter<ProblemResponses>();
            options.OperationFilter<Exports.CsvResponses>();
            // [Required], [MaxLength] and [RegularExpression] on the request records only describe what their validation
            // enforces (bodies are read by hand, nothing evaluates them); ContractSchemaTests proves the two agree.
            options.SchemaFilter<ProblemSchemas>();
            options.SchemaFilter<RequestSchemaRules>();
            options.SchemaFilter<Fulfilments.FulfilmentReportSchema>();
            options.SchemaFilter<Auditing.History.HistoryChainSchema>();
            options.OperationFilter<RequestExamplesFilter>();
        });
    }

    public static void UseLedgerOpenApi(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "api/v1/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/v1/docs";
            options.SwaggerEndpoint($"/api/v1/{DocumentName}.json", "Sroi.Ledger v1");
            options.DocumentTitle = "Sroi.Ledger API";
        });
        app.MapGet("/", () => Results.Redirect("/api/v1/docs")).ExcludeFromDescription();
    }

    /// <summary>Paths are listed relative to the server URL, which carries /api/v1.</summary>
    private sealed class StripApiPrefix : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var paths = new OpenApiPaths();
            foreach (var (path, item) in document.Paths)
                paths[path.StartsWith("/api/v1", StringComparison.Ordinal) ? path["/api/v1".Length..] : path] = item;
            document.Paths = paths;
        }
    }

    /// <summary>
    /// The body an endpoint takes (a <see cref="HttpConventions.JsonBody{T}"/> parameter, which leaves
    /// <see cref="HttpConventions.JsonBodyMetadata"/>) is its request body: ASP.NET does not bind it, so its explorer
    /// does not describe it.
    /// </summary>
    private sealed class AcceptedRequestBody : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.RequestBody is not null) return;
            var body = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HttpConventions.JsonBodyMetadata>().LastOrDefault();
            if (body is null) return;
            var schema = context.SchemaGenerator.GenerateSchema(body.RequestType, context.SchemaRepository);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !body.IsOptional,
                Content = new Dictionary<string, IOpenApiMediaType> { [HttpConventions.JsonBodyMetadata.ContentType] = new OpenApiMediaType { Schema = schema } },
            };
        }
    }

    /// <summary>NL API Design Rules: every success documents the API-Version header (the problems: <see cref="ProblemResponses"/>).</summary>
    private sealed class VersionHeader : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Responses ??= [];
            foreach (var (status, response) in operation.Responses)
            {
                if (!status.StartsWith('2') || response is not OpenApiResponse success) continue;
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers["API-Version"] = new OpenApiHeader
                {
                    Description = "The full version of the API that answered.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create(ApiVersionHeader.Version)] },
                };
            }
        }
    }

    /// <summary>
    /// A query record's properties are PascalCase in C# and camelCase on the wire (ASP.NET binds either, ignoring case):
    /// the document names them as clients send them. Headers keep their own names (If-Match).
    /// </summary>
    private sealed class CamelCaseQueryParameters : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
                    parameter.Name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
        }
    }
}
