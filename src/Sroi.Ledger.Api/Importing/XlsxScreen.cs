using System.IO.Compression;
using System.Xml;

namespace Sroi.Ledger.Api.Importing;

/// <summary>A cell with a formula and no value Excel computed and saved: refused with the row, never read as empty.</summary>
/// <param name="Cell">Its reference, e.g. D7.</param>
/// <param name="Formula">The formula's text; empty for a shared formula's later cells (the text is in the first).</param>
public sealed record UncachedFormula(string Cell, string Formula);

/// <summary>
/// Looks at an .xlsx workbook before MiniExcel reads it, within fixed limits, so that a hostile or broken file is refused
/// in a second with a sentence, never holds the admin endpoint or the command for minutes or fills the memory: at most
/// <see cref="MaxEntries"/> parts in the zip (its end record is read before the directory), at most
/// <see cref="MaxUnzippedBytes"/> unzipped (counted while inflating, so a zip whose headers lie about their sizes — a zip
/// bomb — is stopped at the limit too), at most <see cref="SheetReader.MaxRows"/> rows below the headings. It also finds
/// the cells of the first sheet that hold a formula without a cached value (a workbook written by a program that does not
/// calculate, or saved with calculation off): MiniExcel reads those as empty, which would import a wrong zero or a
/// missing field as if the user had left the cell empty. And the number cells whose stored digits a double does not keep
/// (<see cref="StoredNumber"/>): MiniExcel hands every number over as a double, which would round them without a word.
/// </summary>
public static class XlsxScreen
{
    /// <summary>The parts of a zip: a workbook has a few dozen (sheets, styles, themes, relations).</summary>
    public const int MaxEntries = 1_000;

    /// <summary>All parts together, unzipped: 100,000 rows of the widest template are well under it.</summary>
    public const long MaxUnzippedBytes = 256L * 1024 * 1024;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// The first sheet's cells to read otherwise than MiniExcel does, by (row number, column letters): a formula without a
    /// value (<see cref="UncachedFormula"/>) or a number a double would round (<see cref="StoredNumber"/>). Throws
    /// <see cref="ImportFileRefused"/>.
    /// </summary>
    public static Dictionary<(int Row, string Column), object> Inspect(Stream content)
    {
        if (!content.CanSeek) throw new InvalidOperationException("The workbook is read from a seekable stream (a file, or the form's copy in memory).");
        var start = content.Position;
        try
        {
            if (EntriesInEndRecord(content) is > MaxEntries or < 0)
                throw new ImportFileRefused($"Het bestand bevat te veel onderdelen voor een Excel-werkmap (meer dan {ImportTexts.Number(MaxEntries)}). Er is niets ingelezen.");
            content.Position = start;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
                throw new ImportFileRefused($"Het bestand bevat te veel onderdelen voor een Excel-werkmap (meer dan {ImportTexts.Number(MaxEntries)}). Er is niets ingelezen.");
            var budget = new Budget();
            var sheetPath = FirstSheetPath(zip, budget);
            var cells = new Dictionary<(int, string), object>();
            foreach (var entry in zip.Entries)
            {
                // The declared size first: an honest large part is refused before it is inflated.
                if (entry.Length > MaxUnzippedBytes) throw TooLarge();
                using var stream = new CountingStream(entry.Open(), budget);
                if (string.Equals(entry.FullName, sheetPath, StringComparison.OrdinalIgnoreCase)) ScanSheet(stream, cells);
                else stream.CopyTo(Stream.Null);
            }
            return cells;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            throw new ImportFileRefused($"Het bestand is geen leesbare Excel-werkmap (.xlsx): {e.Message}");
        }
        finally
        {
            content.Position = start;
        }
    }

    /// <summary>The number of entries the zip's end-of-central-directory record states; -1 for a ZIP64 one (not a workbook's).</summary>
    private static int EntriesInEndRecord(Stream content)
    {
        // The record is the last 22 bytes plus a comment of at most 65,535.
        var tail = (int)Math.Min(content.Length - content.Position, 22 + 65_535);
        if (tail < 22) throw new InvalidDataException("Geen zip-bestand.");
        var bytes = new byte[tail];
        content.Seek(-tail, SeekOrigin.End);
        content.ReadExactly(bytes);
        for (var i = tail - 22; i >= 0; i--)
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06)
            {
                var entries = BitConverter.ToUInt16(bytes, i + 10);
                return entries == 0xFFFF ? -1 : entries;
            }
        throw new InvalidDataException("Geen zip-bestand (het einde van de inhoudsopgave ontbreekt).");
    }

    /// <summary>The first sheet of the workbook (as Excel orders them), by its relation; MiniExcel reads the same one.</summary>
    private static string FirstSheetPath(ZipArchive zip, Budget budget)
    {
        const string fallback = "xl/worksheets/sheet1.xml";
        var workbook = zip.GetEntry("xl/workbook.xml");
        var relations = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || relations is null) return fallback;
        string? id = null;
        using (var reader = XmlReader.Create(new CountingStream(workbook.Open(), budget), Settings))
            while (id is null && reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == Main)
                    id = reader.GetAttribute("id", Relations);
        if (id is null) return fallback;
        using (var reader = XmlReader.Create(new CountingStream(relations.Open(), budget), Settings))
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == id
                    && reader.GetAttribute("Target") is { Length: > 0 } target)
                    return target.StartsWith('/') ? target[1..] : "xl/" + target;
        return fallback;
    }

    private static void ScanSheet(Stream sheet, Dictionary<(int, string), object> cells)
    {
        using var reader = XmlReader.Create(sheet, Settings);
        string? cell = null;
        string? formula = null;
        string? type = null;
        string? stored = null;
        var valued = false;
        var row = 0;
        // Reading an element's content moves the reader onto the node after it: that node is then not read past.
        var onNext = false;
        while (onNext || reader.Read())
        {
            onNext = false;
            if (reader.NamespaceURI != Main) continue;
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "row":
                        row = int.TryParse(reader.GetAttribute("r"), out var r) ? r : row + 1;
                        // Headings in row 1, then at most MaxRows rows; a row far below is refused before it is read.
                        if (row > SheetReader.MaxRows + 1) throw SheetReader.TooManyRows();
                        break;
                    case "c":
                        (cell, formula, type, stored, valued) = (reader.GetAttribute("r"), null, reader.GetAttribute("t"), null, false);
                        if (reader.IsEmptyElement) cell = null;
                        break;
                    case "f" when cell is not null:
                        formula = reader.ReadElementContentAsString();
                        onNext = true;
                        break;
                    case "v" when cell is not null:
                        stored = reader.ReadElementContentAsString();
                        valued |= stored.Length > 0;
                        onNext = true;
                        break;
                    case "is" when cell is not null:
                        valued |= reader.ReadInnerXml().Length > 0;
                        onNext = true;
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "c")
            {
                if (cell is not null && formula is not null && !valued && Split(cell) is { } at)
                    cells[(at.Row, at.Column)] = new UncachedFormula(cell, formula);
                else if (cell is not null && type is null or "n" && stored is { Length: > 0 } digits && !DoubleKeeps(digits) && Split(cell) is { } number)
                    cells[(number.Row, number.Column)] = new StoredNumber(digits.Trim());
                cell = null;
            }
        }
    }

    /// <summary>
    /// Whether the double a reader makes of a number cell's stored digits gives them back, digit for digit (its shortest
    /// round-trip text): always for what Excel writes (at most 17 significant digits), not for 1234.560000000000000001.
    /// Text that is no number is left to the reader.
    /// </summary>
    private static bool DoubleKeeps(string digits) =>
        !double.TryParse(digits, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
        || CellValues.SameNumber(digits.Trim(), number.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>D7 → (7, "D").</summary>
    private static (int Row, string Column)? Split(string reference)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
        return letters > 0 && int.TryParse(reference.AsSpan(letters), out var row) ? (row, reference[..letters].ToUpperInvariant()) : null;
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };

    private static ImportFileRefused TooLarge() => new(
        $"Het bestand is uitgepakt groter dan {ImportTexts.Number(MaxUnzippedBytes / (1024 * 1024))} MB: geen werkmap volgens het sjabloon (of een zip-bom). Er is niets ingelezen.");

    /// <summary>The bytes inflated so far, over all parts.</summary>
    private sealed class Budget
    {
        public long Used;
    }

    /// <summary>Counts what it reads against the budget and stops at the limit, whatever the zip's headers claim.</summary>
    private sealed class CountingStream(Stream inner, Budget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        private int Counted(int read)
        {
            budget.Used += read;
            if (budget.Used > MaxUnzippedBytes) throw TooLarge();
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
