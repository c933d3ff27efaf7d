using System.Text;
using System.Text.Json;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Text no field may hold: PostgreSQL refuses a NUL (U+0000) in text and JSON, so one would fail the write as a 500;
/// the other C0 control characters and DEL have no place in a name, a reason or a code either. Tab, line feed and
/// carriage return stay allowed (free text may have lines). A lone UTF-16 surrogate (<c>"\ud800"</c>) is no text at
/// all and PostgreSQL's jsonb refuses it too. Checked once for every body and query string, so no field is forgotten.
/// </summary>
public static class TextScreen
{
    public const string ControlMessage = "Contains a control character (code points 0 to 31 other than tab, line feed and carriage return, or 127).";
    public const string UnicodeMessage = "Is not valid Unicode text.";
    public const string AnyControlMessage = "Contains a control character (code points 0 to 31, or 127).";

    /// <summary>Why <paramref name="text"/> is refused, or null when it is fine.</summary>
    /// <param name="lines">Whether tab, line feed and carriage return are allowed (in a body's text, not in a query).</param>
    public static string? Problem(string text, bool lines = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r') { if (lines) continue; return AnyControlMessage; }
            if (c is < '\u0020' or '\u007f') return lines ? ControlMessage : AnyControlMessage;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return UnicodeMessage;
        }
        return null;
    }

    /// <summary>
    /// The path (<c>contractor.name</c>, <c>blocks[2].code</c>) and reason of the first refused string or property name in
    /// a JSON document, or null. Malformed JSON is left to the deserialiser, which names where it breaks.
    /// </summary>
    public static (string Field, string Message)? FirstProblem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var path = new List<Step>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    path[^1] = path[^1] with { Name = null };
                    var name = reader.GetString()!;
                    if (MayHoldRefusedText(ref reader) && Problem(name) is { } badName) return (PathOf(path), "A property name: " + badName);
                    path[^1] = path[^1] with { Name = name };
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                // A value: inside an array it is the next element.
                if (path.Count > 0 && path[^1].IsArray) path[^1] = path[^1] with { Index = path[^1].Index + 1 };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    path.Add(new Step(reader.TokenType == JsonTokenType.StartArray, null, -1));
                else if (reader.TokenType == JsonTokenType.String && MayHoldRefusedText(ref reader) && Problem(reader.GetString()!) is { } badValue)
                    return (PathOf(path), badValue);
            }
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped lone surrogate.
            return (PathOf(path), UnicodeMessage);
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>
    /// Whether the token needs decoding to be judged. A JSON string cannot hold a raw control character (the reader
    /// refuses one), so a refused character comes only through an escape (<c>\u0000</c>, <c>\n</c>, a lone
    /// <c>\ud800</c>), as a raw DEL, or in bytes beyond ASCII; a plain ASCII token — most of every body — is passed
    /// without decoding it to a string first.
    /// </summary>
    private static bool MayHoldRefusedText(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.ValueSpan.IndexOfAnyInRange((byte)0x7F, (byte)0xFF) >= 0;

    private static string PathOf(List<Step> path)
    {
        var text = new StringBuilder();
        foreach (var step in path)
        {
            if (step.IsArray) { if (step.Index >= 0) text.Append('[').Append(step.Index).Append(']'); }
            else if (step.Name is not null) text.Append(text.Length == 0 ? "" : ".").Append(step.Name);
        }
        return text.Length == 0 ? "body" : text.ToString();
    }

    private sealed record Step(bool IsArray, string? Name, int Index);
}
