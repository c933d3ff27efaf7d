using System.Text.Json;

namespace Sroi.Ledger.Api.Json;

/// <summary>
/// JSON for stored event payloads: the API dialect, minus computed (get-only) properties, so that an
/// event's stored shape is exactly its constructor's parameters. Golden tests pin every shape.
/// </summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(LedgerJson.Options) { IgnoreReadOnlyProperties = true };

    public static string Serialize<T>(T @event) => JsonSerializer.Serialize(@event, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored event is null: {json}");
}
