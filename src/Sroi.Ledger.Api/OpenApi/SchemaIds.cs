namespace Sroi.Ledger.Api.OpenApi;

/// <summary>
/// A schema's name in the OpenAPI document, which a generated client names its type after: the type's own name
/// (<c>ContractResponse</c>, a nested type's too), a generic one after its arguments (a <c>Page&lt;ContractResponse&gt;</c> is
/// <c>ContractResponsePage</c>). Short, and stable when a type moves to another folder. Two types of one name are not given
/// a silent suffix: Swashbuckle refuses a schema id already used by another type as it generates the document (a 500 on
/// /api/v1/openapi.json and a failing test), and one of the two is renamed.
/// </summary>
public static class SchemaIds
{
    /// <summary>Types whose C# name says how they are built rather than what they are.</summary>
    private static readonly Dictionary<Type, string> Renamed = new()
    {
        // One flat record for the converter and the validation; in the document a oneOf of one schema per kind.
        [typeof(Fulfilments.FulfilmentReportShape)] = "FulfilmentReport",
        [typeof(Fulfilments.SupplierShape)] = "Supplier",
    };

    public static string Of(Type type)
    {
        if (Renamed.TryGetValue(type, out var name)) return name;
        if (!type.IsGenericType) return type.Name;
        var own = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return string.Concat(type.GetGenericArguments().Select(Of)) + own;
    }
}
