using Microsoft.OpenApi;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary><c>?checkpoint=0193…</c>: a UUID (the id of a resource named in the query rather than the path).</summary>
public readonly record struct QueryUuid(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Format = "uuid" };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryUuid value) { value = new(text ?? ""); return text is not null; }

    /// <summary>The id, or null after adding <paramref name="message"/> under <paramref name="name"/>.</summary>
    public Guid? Read(string name, FieldErrors errors, string message)
    {
        if (Guid.TryParse(Text, out var id)) return id;
        errors.Add(name, message);
        return null;
    }
}
