using System.Globalization;
using System.IO.Pipelines;
using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// The CSV of every export, written by CsvHelper (RFC 4180: rows ended by CRLF, a field quoted when it holds the
/// separator, a quote, CR or LF, its quotes doubled) with the ledger's choices: <see cref="Separator"/> between fields,
/// UTF-8 with a byte order mark when asked (so Excel reads accented names as UTF-8), and a field count checked against
/// the header. CsvHelper gathers rows in its buffer and writes them to the output (an HTTP response, a file, stdout)
/// when it is mostly full: memory stays flat however many rows follow.
/// </summary>
public sealed class CsvWriter(PipeWriter output) : IAsyncDisposable
{
    /// <summary>
    /// Excel's list separator in the Dutch locale, so a double-click opens columns. Numbers keep the decimal point (as
    /// the JSON has them), so a comma as the separator would have been safe too; the semicolon is for Excel.
    /// </summary>
    public const char Separator = ';';

    public const string MediaType = "text/csv";

    /// <summary>What the response says it is: UTF-8, and the first row is the header (RFC 4180's optional parameter).</summary>
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    // Written out rather than left to the defaults: each is a promise of the export (CsvOpenApi describes them). No
    // formula guard: an audit export gives a leading =, +, - or @ back exactly as it was recorded.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = Separator,
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private CsvHelper.CsvWriter? csv;
    private bool byteOrderMark;

    // Made at the first field, once it is known whether the output starts with a byte order mark.
    private CsvHelper.CsvWriter Csv => csv ??=
        CsvHelper.CsvWriter.Create(output.AsStream(leaveOpen: true), Options with { WriteByteOrderMark = byteOrderMark }, leaveOpen: false);

    /// <summary>The output starts with UTF-8's byte order mark: asked for before the first field.</summary>
    public void ByteOrderMark()
    {
        if (csv is not null) throw new InvalidOperationException("The byte order mark goes before the first field.");
        byteOrderMark = true;
    }

    /// <summary>One field. Null is an empty field; an empty string is written <c>""</c>, so the two stay apart.</summary>
    public CsvWriter Field(string? value)
    {
        // CsvHelper writes an empty string as it writes null (an empty field) unless it is told to quote it.
        if (value is { Length: 0 }) Csv.WriteField(value, CsvQuoting.Always);
        else Csv.WriteField(value);
        return this;
    }

    /// <summary>Ends the row; CsvHelper writes its buffer out when it is mostly full.</summary>
    public async ValueTask EndRowAsync(CancellationToken ct) => await Csv.EndRecordAsync(ct);

    /// <summary>Everything buffered to the output, which passes it on (to the client, the file) before this returns.</summary>
    public async ValueTask FlushAsync(CancellationToken ct) => await Csv.FlushAsync(ct);

    /// <summary>Flushes what is left; the output stays open (its owner completes it).</summary>
    public ValueTask DisposeAsync() => csv?.DisposeAsync() ?? ValueTask.CompletedTask;

    // The values as the JSON has them: numbers with a decimal point and no grouping, ISO dates, instants with Z.
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? YesNo(bool? value) => value switch { true => "ja", false => "nee", null => null };

    public static string Date(LocalDate value) => LocalDatePattern.Iso.Format(value);

    public static string? Instant(Instant? value) => value is { } v ? InstantPattern.ExtendedIso.Format(v) : null;
}
