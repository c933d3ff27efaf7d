using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// JSON written the way PostgreSQL prints a jsonb value (<c>data::text</c>): object keys ordered as jsonb keeps them (shorter
/// first, then by their UTF-8 bytes), <c>", "</c> and <c>": "</c> between items, strings escaped as jsonb escapes them,
/// numbers as written. It only moves keys, spaces and escapes, never changes a value, so when this text of a fold equals
/// the stored document's text the two are the same jsonb; when it does not, the verification asks PostgreSQL, as it always
/// did (a number spelled differently, a key written twice): a cheap yes, never a cheap no (issue 23).
/// </summary>
public static class JsonbText
{
    public static string Of(string json)
    {
        var text = new ArrayBufferWriter<byte>(json.Length + json.Length / 8 + 16);
        Write(Encoding.UTF8.GetBytes(json), text);
        return Encoding.UTF8.GetString(text.WrittenSpan);
    }

    /// <summary>A thread's buffer for <see cref="Matches"/>: the verification's workers compare one document after another.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? written;

    /// <summary>
    /// Whether <paramref name="json"/> written as jsonb prints it is <paramref name="stored"/> (a <c>data::text</c>), compared
    /// as UTF-8 in a buffer the thread keeps: no text of the fold is made as a string.
    /// </summary>
    public static bool Matches(string json, string stored)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return Matches(utf8.AsMemory(0, Encoding.UTF8.GetBytes(json, utf8)), stored);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// The same for JSON already in UTF-8 (the verification serialises each fold straight into a buffer, issue 23: through a
    /// string first, then UTF-8 again, it was a tenth of a first verification's CPU with its garbage).
    /// </summary>
    public static bool Matches(ReadOnlyMemory<byte> json, string stored)
    {
        var into = written ??= new ArrayBufferWriter<byte>(16 * 1024);
        into.ResetWrittenCount();
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(stored.Length));
        try
        {
            Write(json, into);
            var length = Encoding.UTF8.GetBytes(stored, utf8);
            return into.WrittenSpan.SequenceEqual(utf8.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// The same as UTF-8 bytes, from UTF-8 (what Marten's serializer writes): names and string values whose JSON has no
    /// escape are copied as they are, byte for byte, neither decoded into strings nor encoded again (issue 23: the
    /// verification writes this for every stream's document; done through strings it was an eighth of the CPU).
    /// </summary>
    public static void Write(ReadOnlyMemory<byte> json, IBufferWriter<byte> into)
    {
        using var document = JsonDocument.Parse(json);
        Write(document.RootElement, into);
    }

    private static void Write(JsonElement value, IBufferWriter<byte> into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in value.EnumerateObject()) properties.Add(property);
                // jsonb's order (lengthCompareJsonbStringValue): by byte length, then byte by byte, of the names' UTF-8.
                properties.Sort((a, b) => Compare(Name(a), Name(b)));
                into.Write("{"u8);
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0) into.Write(", "u8);
                    var raw = JsonMarshal.GetRawUtf8PropertyName(properties[i]);
                    if (raw.IndexOf((byte)'\\') < 0)
                    {
                        into.Write("\""u8);
                        into.Write(raw);
                        into.Write("\""u8);
                    }
                    else String(properties[i].Name, into);
                    into.Write(": "u8);
                    Write(properties[i].Value, into);
                }
                into.Write("}"u8);
                break;
            case JsonValueKind.Array:
                into.Write("["u8);
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) into.Write(", "u8);
                    first = false;
                    Write(item, into);
                }
                into.Write("]"u8);
                break;
            case JsonValueKind.String:
                // Without a backslash the JSON spells the string as jsonb does (its quotes included): jsonb escapes only what
                // JSON must, and those are escaped in this JSON too.
                var text = JsonMarshal.GetRawUtf8Value(value);
                if (text.IndexOf((byte)'\\') < 0) into.Write(text);
                else String(value.GetString()!, into);
                break;
            default: // numbers as written, true, false, null
                into.Write(JsonMarshal.GetRawUtf8Value(value));
                break;
        }
    }

    /// <summary>A name's UTF-8, unescaped.</summary>
    private static ReadOnlySpan<byte> Name(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? raw : Encoding.UTF8.GetBytes(property.Name);
    }

    private static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);

    /// <summary>As PostgreSQL's escape_json: the quote, the backslash and control characters escaped, everything else as is.</summary>
    private static void String(string value, IBufferWriter<byte> into)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('"');
        foreach (var c in value)
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        text.Append('"');
        into.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
