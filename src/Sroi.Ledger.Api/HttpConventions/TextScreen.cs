using System.Text;
using System.Text.Json;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Text no field may hold, checked once for every body and query string, so no field is forgotten:
/// <list type="bullet">
/// <item>C0 controls and DEL: PostgreSQL refuses a NUL (U+0000) in text and JSON, so one would fail the write as a 500,
/// and the others have no place in a name, a reason or a code either. Tab, line feed and carriage return stay allowed
/// in a body (free text may have lines);</item>
/// <item>C1 controls (U+0080–U+009F): invisible, and read by some terminals and CSV viewers as commands;</item>
/// <item>bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a stored text display
/// differently from what it holds ("Trojan Source"); the marks U+200E, U+200F and U+061C that Arabic or Hebrew text
/// needs stay allowed;</item>
/// <item>non-characters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane) and lone UTF-16 surrogates: no text at all
/// (PostgreSQL's jsonb refuses a lone surrogate too).</item>
/// </list>
/// Stored text is what was sent, not a normalised form: the screens (this one, <see cref="Domain.Shared.BsnScreen"/>,
/// <see cref="IsBlank"/>) judge it, they do not rewrite it, so a name keeps its ligatures and a unit its superscript.
/// The walk over a body screens its JSON numbers as well, on their text (see <see cref="NumberScreen"/>).
/// </summary>
public static class TextScreen
{
    public const string ControlMessage = "Contains a control character (code points 0 to 31 other than tab, line feed and carriage return, or 127).";
    public const string UnicodeMessage = "Is not valid Unicode text.";
    public const string AnyControlMessage = "Contains a control character (code points 0 to 31, or 127).";
    public const string C1ControlMessage = "Contains a C1 control character (U+0080 to U+009F).";
    public const string BidiMessage = "Contains a bidirectional embedding, override or isolate (U+202A to U+202E, U+2066 to U+2069).";
    public const string NonCharacterMessage = "Contains a Unicode non-character (U+FDD0 to U+FDEF, or U+FFFE or U+FFFF of any plane).";

    /// <summary>Why <paramref name="text"/> is refused, or null when it is fine.</summary>
    /// <param name="lines">Whether tab, line feed and carriage return are allowed (in a body's text, not in a query).</param>
    public static string? Problem(string text, bool lines = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r') { if (lines) continue; return AnyControlMessage; }
            if (c is < '\u0020' or '\u007f') return lines ? ControlMessage : AnyControlMessage;
            if (c is >= '\u0080' and <= '\u009f') return C1ControlMessage;
            if (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069') return BidiMessage;
            if (c is >= '\ufdd0' and <= '\ufdef' or '\ufffe' or '\uffff') return NonCharacterMessage;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // U+1FFFE, U+1FFFF, …, U+10FFFF: the last two code points of every plane are non-characters.
                if ((char.ConvertToUtf32(c, text[i + 1]) & 0xFFFE) == 0xFFFE) return NonCharacterMessage;
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return UnicodeMessage;
        }
        return null;
    }

    /// <summary>
    /// Whether the text shows nothing: only whitespace, invisible format characters (category Cf: zero-width space and
    /// joiners, the byte-order mark, soft hyphen, word joiner, tags, …), variation selectors and the fillers that render
    /// as blank (Hangul fillers U+115F, U+1160, U+3164, U+FFA0; combining grapheme joiner; Khmer U+17B4/U+17B5;
    /// Mongolian selectors; braille blank U+2800). Such a value is missing, not a title.
    /// </summary>
    public static bool IsBlank([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? text)
    {
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var rune in text.EnumerateRunes())
            if (!Invisible(rune))
                return false;
        return true;
    }

    private static bool Invisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2800 or 0x3164 or 0xFFA0
            or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0000 and <= 0xE0FFF);

    /// <summary>
    /// The path (<c>contractor.name</c>, <c>blocks[2].code</c>) and reason of every refused string, property name or
    /// number in a JSON document; none when it is fine. Malformed JSON is left to <see cref="BodyFields"/>, which answers
    /// it with one error naming where it breaks (what this walk found before the break is not reported).
    /// </summary>
    public static FieldErrors Problems(ReadOnlySpan<byte> json)
    {
        var errors = new FieldErrors();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var path = new List<Step>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    path[^1] = path[^1] with { Name = null };
                    var name = TryGetString(ref reader);
                    if (name is null) { errors.Add(PathOf(path), UnicodeMessage); return errors; }
                    if (MayHoldRefusedText(ref reader) && Problem(name) is { } badName) { errors.Add(PathOf(path), "A property name: " + badName); return errors; }
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
                else if (reader.TokenType == JsonTokenType.Number && NumberScreen.Problem(reader.ValueSpan) is { } badNumber)
                    errors.Add(PathOf(path), badNumber);
                else if (reader.TokenType == JsonTokenType.String && MayHoldRefusedText(ref reader))
                {
                    if (TryGetString(ref reader) is not { } text) errors.Add(PathOf(path), UnicodeMessage);
                    else if (Problem(text) is { } badValue) errors.Add(PathOf(path), badValue);
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the deserialiser names where. A refused property name ends the walk above for the same reason:
            // the path after it would name the wrong field.
        }
        return errors;
    }

    /// <summary>The decoded string, or null for an escaped lone surrogate (which GetString refuses).</summary>
    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try { return reader.GetString(); }
        catch (InvalidOperationException) { return null; }
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
