using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>One stream's chain head: its last version and that event's chain hash (SHA-256, lower-case hex).</summary>
public sealed record StreamHead(string Stream, long Version, string Hash);

/// <summary>
/// What a checkpoint says, and the exact bytes that are signed: one municipality's streams, each with its chain head, as the
/// ledger held them at <see cref="Position"/> (the highest event sequence number then) and <see cref="CreatedAt"/>. Written as
/// compact JSON in a fixed order; the signature covers the UTF-8 bytes of exactly the text that is stored and served, so an
/// auditor verifies the text as received and never has to re-serialise anything.
/// </summary>
public sealed record CheckpointPayload(
    Guid Id, string Municipality, long Position, Instant CreatedAt, string KeyFingerprint, IReadOnlyList<StreamHead> Streams)
{
    public const string Format = "sroi-ledger-checkpoint/1";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("id", Id.ToString("D"));
            json.WriteString("municipality", Municipality);
            json.WriteNumber("position", Position);
            json.WriteString("createdAt", InstantPattern.ExtendedIso.Format(CreatedAt));
            json.WriteString("keyFingerprint", KeyFingerprint);
            json.WriteStartArray("streams");
            foreach (var head in Streams)
            {
                json.WriteStartObject();
                json.WriteString("stream", head.Stream);
                json.WriteNumber("version", head.Version);
                json.WriteString("hash", head.Hash);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The payload a text holds; null when it is not a checkpoint of this format.</summary>
    public static CheckpointPayload? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format) return null;
            var createdAt = InstantPattern.ExtendedIso.Parse(root.GetProperty("createdAt").GetString() ?? "");
            if (!createdAt.Success) return null;
            var streams = root.GetProperty("streams").EnumerateArray()
                .Select(s => new StreamHead(s.GetProperty("stream").GetString()!, s.GetProperty("version").GetInt64(), s.GetProperty("hash").GetString()!))
                .ToList();
            return new CheckpointPayload(root.GetProperty("id").GetGuid(), root.GetProperty("municipality").GetString()!,
                root.GetProperty("position").GetInt64(), createdAt.Value, root.GetProperty("keyFingerprint").GetString()!, streams);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
