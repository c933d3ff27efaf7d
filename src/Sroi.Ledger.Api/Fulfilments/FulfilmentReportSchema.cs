using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Sroi.Ledger.Domain.Fulfilments;
using Swashbuckle.AspNetCore.SwaggerGen;
using Sroi.Ledger.Api.Json;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// The report in the OpenAPI document: one schema per kind (<c>EmploymentReport</c>, <c>TrainingReport</c>, …) under a
/// <c>oneOf</c> with <c>kind</c> as its discriminator, so that a generated client has one type per kind with the fields that
/// kind requires. The C# shape stays one flat record (<see cref="FulfilmentReportShape"/>: the converter and the validation
/// read it, and the JSON on the wire is the same either way); each kind's fields and required fields come from the rules the
/// validation applies (<see cref="FulfilmentReportShapes.Fields"/>), and their schemas from the flat record's properties.
/// </summary>
public sealed class FulfilmentReportSchema : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(FulfilmentReportShape) || schema is not OpenApiSchema { Properties: { } flat } report) return;
        var branches = new List<IOpenApiSchema>();
        var mapping = new Dictionary<string, OpenApiSchemaReference>();
        foreach (var kind in Enum.GetValues<FulfilmentKind>())
        {
            var name = KebabNames<FulfilmentKind>.NameOf(kind);
            var branch = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"A report of kind {name}.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(name)] },
                },
                Required = new HashSet<string> { "kind" },
                // A field of another kind is refused (400), as any unknown field is.
                AdditionalPropertiesAllowed = false,
            };
            foreach (var field in FulfilmentReportShapes.Fields.Where(f => f.Kinds.Contains(kind)))
            {
                var required = field.RequiredBy.Contains(kind);
                branch.Properties[field.Name] = Refined(field.Name, kind, flat[field.Name], required);
                if (required) branch.Required.Add(field.Name);
            }
            var reference = context.SchemaRepository.AddDefinition(SchemaName(kind), branch);
            branches.Add(reference);
            mapping[name] = reference;
        }
        report.Type = null;
        report.Properties = null;
        report.Required = null;
        // Each shape says which fields it allows; beside a oneOf, "no properties at all" would refuse every one.
        report.AdditionalPropertiesAllowed = true;
        report.AdditionalProperties = null;
        report.Extensions?.Remove(RequestSchemaRules.RequiredWhenExtension);
        report.Description = "A report: one shape per `kind`, each with the fields of that kind; a field of another kind is refused.";
        report.OneOf = branches;
        report.Discriminator = new OpenApiDiscriminator { PropertyName = "kind", Mapping = mapping };
    }

    /// <summary><c>EmploymentReport</c>, <c>SocialProcurementReport</c>, …</summary>
    public static string SchemaName(FulfilmentKind kind) => $"{kind}Report";

    /// <summary>
    /// The flat property's schema, narrowed for this kind: required means not null, and <c>level</c> is a word for an
    /// internship but the mbo level for a bbl.
    /// </summary>
    private static IOpenApiSchema Refined(string field, FulfilmentKind kind, IOpenApiSchema flat, bool required)
    {
        if (flat is not OpenApiSchema inline)
            return flat;
        var copy = (OpenApiSchema)inline.CreateShallowCopy();
        if (required && copy.Type is { } type) copy.Type = type & ~JsonSchemaType.Null;
        if (field == "level" && kind == FulfilmentKind.Internship)
        {
            copy.Enum = [.. KebabNames<InternshipLevel>.Names.Select(n => (JsonNode)JsonValue.Create(n))];
            copy.Description = "The intern's school level.";
        }
        else if (field == "level" && kind == FulfilmentKind.Bbl)
        {
            copy.Pattern = "^[1-4]$";
            copy.Description = "The mbo level, 1 to 4 (the digit, as a string or a number).";
        }
        return copy;
    }
}
