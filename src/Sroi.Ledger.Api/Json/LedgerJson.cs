using NodaTime.Serialization.SystemTextJson;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sroi.Ledger.Api.Json;

/// <summary>
/// The one JSON dialect of the service, for HTTP bodies and stored events alike: camelCase, ISO dates,
/// euros as numbers with two decimals, enums as kebab-case strings, and no unknown members accepted
/// (a misspelt or extra field is an error naming it, not silently dropped).
/// </summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowTrailingCommas = false;
        // Euro signs and accented names stay readable; responses are JSON, never embedded in HTML.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        // NodaTime's own converters: LocalDate as 2024-06-30, Instant as 2024-06-30T12:00:00Z (ISO-8601, extended).
        options.ConfigureForNodaTime(NodaTime.DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new KvkNumberJsonConverter());
        options.Converters.Add(new MunicipalityCodeJsonConverter());
        options.Converters.Add(new CandidateNumberJsonConverter());
        options.Converters.Add(new Contracts.ObligationBasisJsonConverter());
        options.Converters.Add(new Fulfilments.FulfilmentReportJsonConverter());
        // Enums as kebab-case strings (set-by-procurement); read back by exactly those names (ExactEnumNames says why).
        options.Converters.Add(new ExactEnumNames(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false)));
        return options;
    }

    /// <summary>How an enum value is spelt, in JSON and wherever else it is named (<see cref="KebabNames{T}"/>).</summary>
    public static JsonNamingPolicy EnumNaming => JsonNamingPolicy.KebabCaseLower;
}
