using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.OpenApi;

/// <summary>
/// A request field the server requires only in some cases (an employer unless the placement is self-employed). OpenAPI
/// 3.0's <c>required</c> cannot say "when", so the object's schema says it in words and in <c>x-required-when</c>
/// (field → condition); a field the server always requires carries <see cref="System.ComponentModel.DataAnnotations.RequiredAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequiredWhenAttribute(string field, string condition) : Attribute
{
    public string Field { get; } = field;
    public string Condition { get; } = condition;
}

/// <summary>
/// Makes the request schemas say what the server enforces: a required field is not nullable (null is refused as
/// "Required."), and a field required in some cases says when (<see cref="RequiredWhenAttribute"/>).
/// </summary>
public sealed class RequestSchemaRules : ISchemaFilter
{
    public const string RequiredWhenExtension = "x-required-when";

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } target) return;
        foreach (var name in target.Required ?? new HashSet<string>())
            if (properties.TryGetValue(name, out var property) && property is OpenApiSchema { Type: { } type } concrete)
                concrete.Type = type & ~JsonSchemaType.Null;

        var conditions = context.Type.GetCustomAttributes(typeof(RequiredWhenAttribute), false).Cast<RequiredWhenAttribute>().ToList();
        if (conditions.Count == 0) return;
        var byField = new JsonObject();
        foreach (var c in conditions) byField[c.Field] = c.Condition;
        target.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        target.Extensions[RequiredWhenExtension] = new JsonNodeExtension(byField);
        var words = string.Join(" ", conditions.Select(c => $"`{c.Field}` is required when {c.Condition}."));
        target.Description = string.IsNullOrEmpty(target.Description) ? words : $"{target.Description} {words}";
    }
}
