using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.OpenApi;

/// <summary>
/// Named example bodies for an endpoint, offered in Swagger UI's example list. A body with one shape per
/// kind (a report) gets one valid example per kind, so "Try it out" starts from something the API accepts.
/// </summary>
public sealed record RequestExamples(IReadOnlyList<RequestExample> Examples);

public sealed record RequestExample(string Name, string Summary, JsonObject Body);

public static class RequestExamplesExtensions
{
    public static RouteHandlerBuilder WithRequestExamples(this RouteHandlerBuilder route, params RequestExample[] examples) =>
        route.WithMetadata(new RequestExamples(examples));
}

/// <summary>Writes <see cref="RequestExamples"/> into the operation's JSON request body.</summary>
public sealed class RequestExamplesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var examples = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExamples>().FirstOrDefault();
        if (examples is null || operation.RequestBody?.Content is not { } content || !content.TryGetValue("application/json", out var json)
            || json is not OpenApiMediaType media)
            return;
        media.Examples = examples.Examples.ToDictionary(
            e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = e.Body.DeepClone() });
    }
}
