using Microsoft.OpenApi;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary><c>?q=Café</c>: the search text of the contract list, 2 to 100 characters.</summary>
public readonly record struct ContractSearchQuery(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, MinLength = ContractSearch.MinLength, MaxLength = ContractSearch.MaxLength };

    public static bool TryParse(string? text, IFormatProvider? provider, out ContractSearchQuery value) { value = new(text ?? ""); return text is not null; }

    public const string Message = "Search text of 2 to 100 characters (letters and digits count; spaces around it and between words do not).";

    /// <summary>The folded text (<see cref="ContractSearch.Fold"/>), or null after adding the error under <paramref name="name"/>.</summary>
    public string? Read(string name, FieldErrors errors)
    {
        // Judged on what is sent, at most 100 characters, and on what is searched for, at least 2 (a fold only shortens).
        var folded = ContractSearch.Fold(Text);
        if (Text.Trim().Length <= ContractSearch.MaxLength && folded.Length >= ContractSearch.MinLength) return folded;
        errors.Add(name, Message);
        return null;
    }
}

/// <summary><c>?sort=-value</c>: the contract list's order, a field name, descending with a leading minus.</summary>
public readonly record struct ContractSortQuery(string Text) : IQueryValue
{
    /// <summary>Each order with its ORDER BY; reference then municipality break every tie (a reference is unique per municipality).</summary>
    private static readonly (string Name, string OrderBy)[] Orders =
    [
        ("-awardedOn", "awarded_on DESC, reference, tenant_id"),
        ("awardedOn", "awarded_on, reference, tenant_id"),
        ("reference", "reference, tenant_id"),
        ("-reference", "reference DESC, tenant_id DESC"),
        ("value", "contract_value_cents, reference, tenant_id"),
        ("-value", "contract_value_cents DESC, reference, tenant_id"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Orders.Select(o => o.Name)];

    /// <summary>Newest award first: the list's order before it could be sorted.</summary>
    public static string Default => Orders[0].OrderBy;

    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Names.Select(name => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(name))],
    };

    public static bool TryParse(string? text, IFormatProvider? provider, out ContractSortQuery value) { value = new(text ?? ""); return text is not null; }

    /// <summary>The ORDER BY of the named order (never text from the request), or null after adding the error.</summary>
    public string? Read(string name, FieldErrors errors)
    {
        foreach (var (orderName, orderBy) in Orders)
            if (string.Equals(orderName, Text, StringComparison.Ordinal)) return orderBy;
        errors.Add(name, "One of " + string.Join(", ", Names) + ".");
        return null;
    }
}
