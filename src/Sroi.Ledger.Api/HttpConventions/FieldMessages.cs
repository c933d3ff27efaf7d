using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// What a 400 says about a body field whose value did not parse: what the field takes, by its CLR type. System.Text.Json's
/// own messages name CLR types ("could not be converted to System.Nullable`1[System.Decimal]"), which a caller cannot act on.
/// </summary>
public static class FieldMessages
{
    public const string Number = "Expected a number such as 200000.00.";
    public const string WholeNumber = "Expected a whole number such as 12.";
    public const string Text = "Expected text (a JSON string).";
    public const string Boolean = "Expected true or false.";
    public const string Date = "Expected a date such as 2024-06-30.";
    public const string Instant = "Expected an instant such as 2024-06-30T12:00:00Z.";
    public const string Uuid = "Expected a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.";
    public const string Object = "Expected an object.";
    public const string Array = "Expected an array.";
    public const string UnknownField = "Unknown field.";
    public const string Duplicate = "Given more than once; give each field once.";
    public const string WrongType = "The value has the wrong type or format.";
    public const string NotAnObject = "The body must be a JSON object.";

    /// <summary>
    /// The reason a value of <paramref name="type"/> did not parse. Our own converters explain themselves (a KvK number,
    /// an enum's values, a date's bounds: a <see cref="JsonException"/> of their own whose message starts "Expected"), and
    /// keep their words; anything else gets the message of the field's type.
    /// </summary>
    public static string Of(JsonException e, Type type, JsonSerializerOptions options) =>
        e.InnerException is null && e.Message.StartsWith("Expected", StringComparison.Ordinal) ? e.Message : For(type, options);

    /// <summary>What a field of <paramref name="type"/> takes.</summary>
    public static string For(Type type, JsonSerializerOptions options)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
            return "Expected one of: " + string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)) + ".";
        if (t == typeof(decimal) || t == typeof(Money)) return Number;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)
            || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(sbyte)) return WholeNumber;
        if (t == typeof(string)) return Text;
        if (t == typeof(bool)) return Boolean;
        if (t == typeof(LocalDate)) return Date;
        if (t == typeof(NodaTime.Instant)) return Instant;
        if (t == typeof(Guid)) return Uuid;
        return options.GetTypeInfo(t).Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => Object,
            JsonTypeInfoKind.Enumerable => Array,
            _ => WrongType,
        };
    }

    /// <summary>
    /// JSON that does not parse, where it breaks: the line and the position in it, counted from 1 (the position in
    /// bytes of UTF-8, which is the character for ASCII), and the reader's reason.
    /// </summary>
    public static string Malformed(JsonException e)
    {
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        // The reader's wording for no JSON at all speaks of its own state ("while isFinalBlock is true").
        if (reason.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
            reason = "The body is empty.";
        return e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"The body is not well-formed JSON at line {line + 1}, position {position + 1}: {reason}"
            : $"The body is not well-formed JSON: {reason}";
    }
}
