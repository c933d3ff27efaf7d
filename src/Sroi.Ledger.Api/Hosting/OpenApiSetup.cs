using Microsoft.OpenApi;
using NodaTime;
using Sroi.Ledger.Domain.Shared;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.Hosting;

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
                    "Authenticate with `Authorization: Bearer {API key}`; an administrator issues keys (POST /api-keys).",
                Contact = new OpenApiContact { Name = "Sroi.Ledger", Url = new Uri("https://sroi-ledger.nl"), Email = "beheer@sroi-ledger.nl" },
            });
            options.AddServer(new OpenApiServer { Url = "/api/v1", Description = "This server" });
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key issued by an administrator.",
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
            // Query values bind as text and are validated by their query record (HttpConventions/QueryValues): each is
            // declared as the JSON type it stands for, inline.
            foreach (var queryValue in QueryValueTypes())
                options.MapType(queryValue, () => (OpenApiSchema)queryValue.GetMethod(nameof(HttpConventions.IQueryValue.Schema))!.Invoke(null, null)!);
            options.SupportNonNullableReferenceTypes();
            options.CustomSchemaIds(type => type.FullName!.Replace("Sroi.Ledger.", "").Replace('+', '.').Replace(".", ""));
            options.DocumentFilter<StripApiPrefix>();
            options.OperationFilter<VersionHeader>();
            options.OperationFilter<CamelCaseQueryParameters>();
            options.OperationFilter<QueryValueParameters>();
            options.OperationFilter<AcceptedRequestBody>();
            options.OperationFilter<ProblemResponses>();
            options.OperationFilter<Exports.CsvResponses>();
            // [Required], [MaxLength] and [RegularExpression] on the request records only describe what their validation
            // enforces (bodies are read by hand, nothing evaluates them); ContractSchemaTests proves the two agree.
            options.SchemaFilter<ProblemSchemas>();
            options.SchemaFilter<RequestSchemaRules>();
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
    /// The body an endpoint accepts (<c>.Accepts&lt;T&gt;</c>) is its request body. Wolverine describes a body only for a
    /// parameter it deserialises itself; these endpoints read theirs by hand, so that every parse error is a 400
    /// naming the field.
    /// </summary>
    private sealed class AcceptedRequestBody : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.RequestBody is not null) return;
            var accepts = context.ApiDescription.ActionDescriptor.EndpointMetadata
                .OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().LastOrDefault(a => a.RequestType is not null);
            if (accepts is null) return;
            var schema = context.SchemaGenerator.GenerateSchema(accepts.RequestType!, context.SchemaRepository);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !accepts.IsOptional,
                Content = accepts.ContentTypes.ToDictionary(type => type, _ => (IOpenApiMediaType)new OpenApiMediaType { Schema = schema }),
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

    /// <summary>
    /// ASP.NET's API explorer describes a parameter bound by a static TryParse as a string, whatever it parses: a query
    /// value (<see cref="HttpConventions.IQueryValue"/>) is given the schema of what it stands for (a whole number, a
    /// date, one of an enum's names).
    /// </summary>
    private sealed class QueryValueParameters : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In != ParameterLocation.Query) continue;
                var described = context.ApiDescription.ParameterDescriptions.FirstOrDefault(d =>
                    d.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query && string.Equals(d.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                var type = (described?.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo.ParameterType
                    ?? described?.Type;
                if (type is null) continue;
                type = Nullable.GetUnderlyingType(type) ?? type;
                if (type.IsAssignableTo(typeof(HttpConventions.IQueryValue)))
                    parameter.Schema = (OpenApiSchema)type.GetMethod(nameof(HttpConventions.IQueryValue.Schema))!.Invoke(null, null)!;
            }
        }
    }

    /// <summary>Every query value type a property of this assembly uses (the query records' properties), closed generics included.</summary>
    private static IEnumerable<Type> QueryValueTypes() =>
        typeof(OpenApiSetup).Assembly.GetTypes()
            .SelectMany(type => type.GetProperties())
            .Select(property => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType)
            .Where(type => type.IsAssignableTo(typeof(HttpConventions.IQueryValue)) && !type.ContainsGenericParameters)
            .Distinct();
}
