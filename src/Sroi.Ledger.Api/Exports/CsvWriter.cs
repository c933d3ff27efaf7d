using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// The one CSV writer of every export (RFC 4180): fields separated by <see cref="Separator"/>, rows ended by CRLF, a
/// field quoted when it holds the separator, a quote, CR or LF (its quotes doubled). UTF-8 with a byte order mark, so
/// Excel reads accented names as UTF-8. Rows are gathered in a small buffer and written to the output (an HTTP
/// response, a file, stdout) whenever it fills: memory stays flat however many rows follow.
/// </summary>
public sealed class CsvWriter(PipeWriter output)
{
    /// <summary>
    /// Excel's list separator in the Dutch locale, so a double-click opens columns. Numbers keep the decimal point (as
    /// the JSON has them), so a comma as the separator would have been safe too; the semicolon is for Excel.
    /// </summary>
    public const char Separator = ';';

    public const string MediaType = "text/csv";

    /// <summary>What the response says it is: UTF-8, and the first row is the header (RFC 4180's optional parameter).</summary>
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    private const int FlushAtChars = 32 * 1024;

    private readonly StringBuilder buffer = new(FlushAtChars + 1024);

    // One encoder for the whole output: a surrogate pair split between two flushes is still encoded as one character.
    private readonly Encoder encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    private bool rowStarted;

    /// <summary>The byte order mark: written first, once.</summary>
    public void ByteOrderMark() => buffer.Append('\uFEFF');

    /// <summary>
    /// One field. Null is an empty field; an empty string is written <c>""</c>, so the two stay apart. Values are
    /// written as they are: an audit export does not prefix a leading <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>.
    /// </summary>
    public CsvWriter Field(string? value)
    {
        if (rowStarted) buffer.Append(Separator);
        rowStarted = true;
        if (value is null) return this;
        if (value.Length == 0 || value.AsSpan().IndexOfAny(MustQuote) >= 0)
            buffer.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        else
            buffer.Append(value);
        return this;
    }

    private static readonly System.Buffers.SearchValues<char> MustQuote = System.Buffers.SearchValues.Create([Separator, '"', '\r', '\n']);

    /// <summary>Ends the row; writes the buffer out when it is full (the only moment memory is given back to the output).</summary>
    public ValueTask EndRowAsync(CancellationToken ct)
    {
        buffer.Append("\r\n");
        rowStarted = false;
        return buffer.Length >= FlushAtChars ? FlushAsync(ct) : ValueTask.CompletedTask;
    }

    /// <summary>Everything buffered to the output, which passes it on (to the client, the file) before this returns.</summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        foreach (var chunk in buffer.GetChunks())
            encoder.Convert(chunk.Span, output, flush: false, out _, out _);
        buffer.Clear();
        await output.FlushAsync(ct);
    }

    // The values as the JSON has them: numbers with a decimal point and no grouping, ISO dates, instants with Z.
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? YesNo(bool? value) => value switch { true => "ja", false => "nee", null => null };

    public static string Date(LocalDate value) => LocalDatePattern.Iso.Format(value);

    public static string? Instant(Instant? value) => value is { } v ? InstantPattern.ExtendedIso.Format(v) : null;
}
