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
    /// <summary>What escape_json escapes: the quote, the backslash, control characters.</summary>
    private static readonly System.Buffers.SearchValues<char> Escaped =
        System.Buffers.SearchValues.Create("\"\\" + new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c)]));

    public static string Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder(json.Length + json.Length / 8);
        Write(document.RootElement, text);
        return text.ToString();
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<(string Name, JsonElement Value)>();
                var ascii = true;
                foreach (var p in value.EnumerateObject())
                {
                    properties.Add((p.Name, p.Value));
                    ascii &= System.Text.Ascii.IsValid(p.Name);
                }
                // jsonb's order (lengthCompareJsonbStringValue): by byte length, then byte by byte. For ASCII names (the
                // ledger's are) the length in chars and the ordinal order of the chars are those of the bytes: no name is
                // encoded to compare (issue 23: the verification writes this for every stream's document).
                if (ascii)
                    properties.Sort((a, b) => a.Name.Length != b.Name.Length ? a.Name.Length.CompareTo(b.Name.Length) : string.CompareOrdinal(a.Name, b.Name));
                else
                    properties.Sort((a, b) => Utf8Order(a.Name, b.Name));
                text.Append('{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    String(properties[i].Name, text);
                    text.Append(": ");
                    Write(properties[i].Value, text);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) text.Append(", ");
                    first = false;
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                String(value.GetString()!, text);
                break;
            default: // numbers as written, true, false, null
                text.Append(value.GetRawText());
                break;
        }
    }

    private static int Utf8Order(string a, string b)
    {
        var (x, y) = (Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.AsSpan().SequenceCompareTo(y);
    }

    /// <summary>As PostgreSQL's escape_json: the quote, the backslash and control characters escaped, everything else as is.</summary>
    private static void String(string value, StringBuilder text)
    {
        if (!value.AsSpan().ContainsAny(Escaped))
        {
            text.Append('"').Append(value).Append('"');
            return;
        }
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
    }
}
