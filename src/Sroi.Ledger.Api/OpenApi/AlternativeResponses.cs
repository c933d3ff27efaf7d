using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.OpenApi;

/// <summary>
/// An endpoint whose typed results answer one status with either of two types (<c>Results&lt;JsonOrCsv&lt;A&gt;,
/// JsonOrCsv&lt;B&gt;, …&gt;</c>: the placements report of one year or of a range) declares both: the API explorer keeps one
/// type per status, the last, so the JSON of that status becomes <c>oneOf</c> the types its results declare.
/// </summary>
public sealed class AlternativeResponses : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.Type is not null && m.Type != typeof(void))
            .GroupBy(m => m.StatusCode);
        foreach (var status in declared)
        {
            var types = status.Select(m => m.Type!).Distinct().ToList();
            if (types.Count < 2) continue;
            if (operation.Responses?.TryGetValue(status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer) != true
                || answer is not OpenApiResponse { Content: { } content } || !content.TryGetValue("application/json", out var json)
                || json is not OpenApiMediaType media) continue;
            media.Schema = new OpenApiSchema { OneOf = [.. types.Select(type => context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository))] };
        }
    }
}
