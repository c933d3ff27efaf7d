using System.Reflection;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.OpenApi;

/// <summary>
/// A query value (<see cref="IQueryValue"/>) binds through its TryParse, and ASP.NET's API explorer describes every such
/// parameter as a string whatever it stands for: this puts the value's own schema (integer, date, enum, pattern) on the
/// operation's parameter, keeping the description and default of its query record's property.
/// </summary>
public sealed class QueryParameterSchemas : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions)
        {
            if (description.Source != BindingSource.Query) continue;
            if (description.ParameterDescriptor is not IParameterInfoParameterDescriptor { ParameterInfo.ParameterType: var type }) continue;
            var valueType = Nullable.GetUnderlyingType(type) ?? type;
            if (!valueType.IsAssignableTo(typeof(IQueryValue))) continue;
            var parameter = operation.Parameters?.OfType<OpenApiParameter>()
                .FirstOrDefault(p => p.In == ParameterLocation.Query && string.Equals(p.Name, description.Name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null) continue;
            var schema = (OpenApiSchema)valueType.GetMethod(nameof(IQueryValue.Schema), BindingFlags.Public | BindingFlags.Static, [])!.Invoke(null, null)!;
            schema.Description = parameter.Schema?.Description;
            schema.Default = parameter.Schema?.Default;
            parameter.Schema = schema;
        }
    }
}
