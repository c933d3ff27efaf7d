using CsvHelper;
using MiniExcelLibs;

namespace Sroi.Ledger.Api.Importing;

/// <summary>A sheet's row: its number as the spreadsheet shows it (the headings are row 1) and its cells by heading.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, object?> Cells)
{
    public bool IsEmpty => Cells.Values.All(v => v is null || v is string s && string.IsNullOrWhiteSpace(s));
}

/// <summary>A whole sheet, or why it cannot be imported at all (in Dutch).</summary>
public sealed class ImportFileRefused(string message) : Exception(message);

/// <summary>
/// Reads the first sheet of an .xlsx workbook (MiniExcel) or a .csv file (CsvHelper; comma or semicolon, as Dutch
/// Excel writes it, detected) into rows of cells by normalised heading. An xlsx cell keeps its type (a number, a date,
/// text) so that <see cref="CellValues"/> can read a number cell without going through text in some culture.
/// </summary>
public static class SheetReader
{
    /// <summary>
    /// Rows below the headings, at most (empty rows in between count): ten times the benchmark's 10,000-row sheet. A run
    /// keeps every row in memory to order its lanes and count its answer, so a larger sheet is refused whole; split it.
    /// </summary>
    public const int MaxRows = 100_000;

    /// <summary>The largest file read (the endpoint's body limit is the same): a 100,000-row sheet is some tens of MB.</summary>
    public const long MaxFileBytes = ImportEndpoint.MaxFileBytes;

    public static ImportFileRefused TooManyRows() =>
        new($"Het werkblad heeft meer dan {ImportTexts.Number(MaxRows)} rijen onder de kolomkoppen: splits het in bestanden van ten hoogste {ImportTexts.Number(MaxRows)} rijen. Er is niets ingelezen.");

    public static (IReadOnlyList<string> Headers, IEnumerable<SheetRow> Rows) Read(Stream content, string fileName)
    {
        // The command reads a file of any size from disk; the endpoint's form stops at the same size.
        if (content.CanSeek && content.Length - content.Position > MaxFileBytes)
            throw new ImportFileRefused($"Het bestand is groter dan {ImportTexts.Number(MaxFileBytes / (1024 * 1024))} MB: splits het. Er is niets ingelezen.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => Xlsx(content),
            ".csv" => Csv(content),
            _ => throw new ImportFileRefused($"Het bestand '{fileName}' is geen .xlsx of .csv."),
        };
    }

    private static (IReadOnlyList<string>, IEnumerable<SheetRow>) Xlsx(Stream content)
    {
        // Limits first (parts, unzipped size, rows), the formulas Excel saved no value for, and the numbers a double would
        // round (XlsxScreen).
        var screened = XlsxScreen.Inspect(content);
        List<IDictionary<string, object?>> rows;
        try
        {
            // Without the header row: MiniExcel keys the cells by column letter and keeps empty rows, so a row's index is
            // its number. One row more than the limit allows tells that there are too many without reading them all.
            rows = MiniExcel.Query(content, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Take(MaxRows + 2).Select(row => (IDictionary<string, object?>)row).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            throw new ImportFileRefused($"Het bestand is geen leesbare Excel-werkmap (.xlsx): {e.Message}");
        }
        if (rows.Count == 0) throw new ImportFileRefused("Het werkblad is leeg: de eerste rij moet de kolomkoppen bevatten.");
        if (rows.Count > MaxRows + 1) throw TooManyRows();
        var columns = rows[0].Where(cell => cell.Value is not null && cell.Value.ToString() is { Length: > 0 })
            .Select(cell => (Letter: cell.Key, Header: ImportTemplate.Normalise(cell.Value!.ToString()!))).ToList();
        var headers = columns.Select(c => c.Header).ToList();
        // A value in a column without a heading (an empty heading cell, or a formula in it saved without its value) would
        // be read by no column: the file is refused rather than the value dropped unseen.
        var headed = columns.Select(c => c.Letter).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, index) in rows.Skip(1).Select((row, index) => (row, index)))
            foreach (var cell in row)
                if (!headed.Contains(cell.Key) && (HasValue(cell.Value) || screened.ContainsKey((index + 2, cell.Key))))
                    throw Unheaded($"Kolom {cell.Key}", index + 2);
        return (headers, rows.Skip(1).Select((row, index) => new SheetRow(index + 2,
            columns.ToDictionary(c => c.Header, c => screened.TryGetValue((index + 2, c.Letter), out var read) ? read
                : row.TryGetValue(c.Letter, out var value) ? value : null, StringComparer.Ordinal))));
    }

    private static (IReadOnlyList<string>, IEnumerable<SheetRow>) Csv(Stream content)
    {
        // The separator (comma, or the semicolon Dutch Excel writes) is detected; line numbers count the header, so a
        // row's number is the line it starts on, as a spreadsheet shows it.
        var bytes = new MemoryStream();
        content.CopyTo(bytes);
        // Dutch Excel's plain "CSV" is Windows-1252: read as UTF-8, its é would become U+FFFD in the ledger for ever. A
        // UTF-16 or UTF-32 byte order mark says its own encoding (CsvHelper reads it); anything else must be UTF-8.
        var head = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        if (head is not ([0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..]) && !System.Text.Unicode.Utf8.IsValid(head))
            throw new ImportFileRefused("Het bestand is geen UTF-8 (Excel slaat 'CSV (gescheiden door lijstscheidingsteken)' op in Windows-1252): " +
                "sla het op als 'CSV UTF-8 (door komma's gescheiden)' of als .xlsx. Er is niets ingelezen.");
        bytes.Position = 0;
        var csv = CsvReader.Create(bytes, CsvReaderOptions.Default with { TrackLineNumbers = true, IncludeValuesInExceptions = false }, false);
        var headers = csv.Headers.Select(ImportTemplate.Normalise).ToList();
        if (headers.Count == 0)
        {
            csv.Dispose();
            throw new ImportFileRefused("Het bestand is leeg: de eerste regel moet de kolomkoppen bevatten.");
        }
        return (headers, Rows(csv, headers));
    }

    private static IEnumerable<SheetRow> Rows(CsvReader csv, IReadOnlyList<string> headers)
    {
        using (csv)
            while (csv.Read())
            {
                // The header is line 1; the run keeps every row, so a longer file is refused before it is all read.
                if (csv.LineNumber > MaxRows + 1) throw TooManyRows();
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < headers.Count; i++)
                    if (headers[i].Length > 0) cells[headers[i]] = i < csv.FieldCount ? csv.GetString(i) : null;
                // A value beyond the last heading or under an empty one would be read by no column.
                for (var i = 0; i < csv.FieldCount; i++)
                    if ((i >= headers.Count || headers[i].Length == 0) && HasValue(csv.GetString(i)))
                        throw Unheaded($"Kolom {i + 1}", (int)csv.LineNumber);
                yield return new SheetRow((int)csv.LineNumber, cells);
            }
    }

    private static bool HasValue(object? cell) => cell is not null && cell.ToString() is { } text && !string.IsNullOrWhiteSpace(text);

    private static ImportFileRefused Unheaded(string column, int row) => new(
        $"{column} heeft geen kolomkop, maar rij {row} heeft er een waarde in: die zou niet worden ingelezen. " +
        "Geef de kolom een kop uit het sjabloon (zie docs/import-template.md) of maak hem leeg. Er is niets ingelezen.");
}
