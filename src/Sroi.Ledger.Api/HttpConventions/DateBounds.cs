using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The dates and instants a request may name: the years 1900 to 2999. Far wider than any contract, benefit or audit
/// needs, and narrow enough that no date arithmetic (a term in days, a year added, an instant's day) can leave what
/// NodaTime and PostgreSQL represent (0001-01-01 and 9999-12-31 did, as 500s).
/// </summary>
public static class DateBounds
{
    public static readonly LocalDate Earliest = new(1900, 1, 1);
    public static readonly LocalDate Latest = new(2999, 12, 31);

    public const string DateMessage = "Expected a date from 1900-01-01 to 2999-12-31.";
    public const string InstantMessage = "Expected an instant from 1900-01-01T00:00:00Z to 2999-12-31T23:59:59Z.";

    public static bool Contains(LocalDate date) => date >= Earliest && date <= Latest;

    public static bool Contains(Instant instant) => Contains(instant.InUtc().Date);
}

/// <summary>A request body's LocalDate: ISO (<c>2024-06-30</c>) as everywhere, and within <see cref="DateBounds"/>.</summary>
public sealed class BoundedLocalDateJsonConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var date = NodaConverters.LocalDateConverter.Read(ref reader, typeToConvert, options);
        return DateBounds.Contains(date) ? date : throw new JsonException(DateBounds.DateMessage);
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        NodaConverters.LocalDateConverter.Write(writer, value, options);
}
