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
                var properties = value.EnumerateObject().Select(p => (Name: Encoding.UTF8.GetBytes(p.Name), p.Name, p.Value)).ToList();
                // jsonb's order (lengthCompareJsonbStringValue): by byte length, then byte by byte.
                properties.Sort((a, b) => a.Name.Length != b.Name.Length ? a.Name.Length.CompareTo(b.Name.Length) : a.Name.AsSpan().SequenceCompareTo(b.Name));
                text.Append('{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    String(properties[i].Item2, text);
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

    /// <summary>As PostgreSQL's escape_json: the quote, the backslash and control characters escaped, everything else as is.</summary>
    private static void String(string value, StringBuilder text)
    {
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
