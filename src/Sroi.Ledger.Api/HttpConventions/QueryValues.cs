using System.Globalization;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.HttpConventions;

// Query values that always bind, keeping the text that was sent. An endpoint takes its query as an [AsParameters]
// record of these, so that the OpenAPI document declares every parameter with its type and format (OpenApiSetup maps
// each to its JSON type), while the record's own validation names every bad parameter in one 400: a value ASP.NET's
// binder could not parse (an int, an enum, a NodaTime date) would be a bare 400 that names nothing, before any code runs.
// TryParse refuses only null, a parameter that was not sent: the request delegates generated at compile time ask TryParse
// before they look whether the parameter is there, and take a refusal of nothing as "absent" (null), as the runtime binder does.

/// <summary>A query value's schema in the OpenAPI document: the JSON type it stands for, not the struct that carries it.</summary>
public interface IQueryValue
{
    static abstract OpenApiSchema Schema();
}

/// <summary><c>?from=2024-06-30</c>: an ISO date within <see cref="DateBounds"/>.</summary>
public readonly record struct QueryDate(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Format = "date" };

    public const string Message = "Expected a date such as 2024-06-30.";

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryDate value) { value = new(text ?? ""); return text is not null; }

    /// <summary>The date, or null after adding the error under <paramref name="name"/>.</summary>
    public LocalDate? Read(string name, FieldErrors errors, string message = Message)
    {
        var parsed = LocalDatePattern.Iso.Parse(Text);
        if (parsed.Success && DateBounds.Contains(parsed.Value)) return parsed.Value;
        errors.Add(name, parsed.Success ? DateBounds.DateMessage : message);
        return null;
    }
}

/// <summary><c>?asKnownOn=2024-06-30T12:00:00Z</c>: an ISO instant within <see cref="DateBounds"/>.</summary>
public readonly record struct QueryInstant(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Format = "date-time" };

    public const string Message = "Expected an instant such as 2024-06-30T12:00:00Z.";

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryInstant value) { value = new(text ?? ""); return text is not null; }

    public Instant? Read(string name, FieldErrors errors)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(Text);
        if (parsed.Success && DateBounds.Contains(parsed.Value)) return parsed.Value;
        errors.Add(name, parsed.Success ? DateBounds.InstantMessage : Message);
        return null;
    }
}

/// <summary><c>?page=2</c>: a whole number within the bounds the endpoint gives.</summary>
public readonly record struct QueryWholeNumber(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.Integer, Format = "int32" };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryWholeNumber value) { value = new(text ?? ""); return text is not null; }

    public int? Read(string name, int min, int max, FieldErrors errors, string? message = null)
    {
        if (int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        errors.Add(name, message ?? $"A whole number from {min} to {max}.");
        return null;
    }
}

/// <summary><c>?municipality=GM0603</c>: a CBS municipality code.</summary>
public readonly record struct QueryMunicipality(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Pattern = MunicipalityCode.Pattern };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryMunicipality value) { value = new(text ?? ""); return text is not null; }

    public MunicipalityCode? Read(string name, FieldErrors errors)
    {
        if (MunicipalityCode.TryParse(Text, out var code)) return code;
        errors.Add(name, QueryParameters.MunicipalityMessage);
        return null;
    }
}

/// <summary><c>?contractorKvk=12345678</c>: a KvK number.</summary>
public readonly record struct QueryKvk(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Pattern = KvkNumber.Pattern };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryKvk value) { value = new(text ?? ""); return text is not null; }

    public KvkNumber? Read(string name, FieldErrors errors)
    {
        if (KvkNumber.TryParse(Text, out var number)) return number;
        errors.Add(name, "Expected exactly 8 digits.");
        return null;
    }
}

/// <summary><c>?category=werken</c>: one of an enum's kebab-case names, as in the JSON bodies.</summary>
public readonly record struct QueryChoice<TEnum>(string Text) : IQueryValue where TEnum : struct, Enum
{
    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Names.Select(name => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(name))],
    };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryChoice<TEnum> value) { value = new(text ?? ""); return text is not null; }

    public static IReadOnlyCollection<string> Names => KebabNames<TEnum>.Names;

    public TEnum? Read(string name, FieldErrors errors)
    {
        if (KebabNames<TEnum>.TryParse(Text, out var value)) return value;
        errors.Add(name, $"One of {string.Join(", ", Names)}.");
        return null;
    }

    /// <summary>The value when the text is one of the names; null otherwise, with no error (a parameter of two vocabularies).</summary>
    public TEnum? TryRead() => KebabNames<TEnum>.TryParse(Text, out var value) ? value : null;
}
