using System.Globalization;
using System.Text;
using CsvHelper;

namespace Sroi.Ledger.Api.Importing;

/// <summary>One error of a refused row: the sheet's row and column, the API's field, the error in Dutch and the API's own message.</summary>
/// <param name="Row">The row's number as the spreadsheet shows it (the headings are row 1); 0 for the file as a whole.</param>
/// <param name="Column">The column's heading (empty when no single column is to blame).</param>
/// <param name="Field">The API's field, as its 400 or 422 names it.</param>
/// <param name="Error">The error in Dutch.</param>
/// <param name="ApiMessage">The endpoint's own message (English), or empty when the import found the error itself.</param>
public sealed record RowError(int Row, string Column, string Field, string Error, string ApiMessage);

/// <summary>
/// The end of an import. Read: rows that were not empty. Valid: rows every check and rule accepted (written, already
/// there, or in a dry run would be written). Written: appended now. Already there: imported before (the row's
/// idempotency key), nothing added. Refused: rows with at least one error, all of which are in <see cref="Errors"/>.
/// </summary>
public sealed record ImportResult(
    string Kind, string File, bool DryRun, int Read, int Valid, int Written, int AlreadyThere, int Refused,
    IReadOnlyList<RowError> Errors)
{
    /// <summary>The refused rows' errors as CSV (RFC 4180, comma, UTF-8), one line per error.</summary>
    public string RefusedCsv()
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, CsvWriterOptions.Default with { NewLine = "\r\n", Quoting = CsvQuoting.WhenNeeded,
            FormatProvider = CultureInfo.InvariantCulture }, true))
        {
            foreach (var heading in new[] { "rij", "kolom", "veld", "fout", "melding_api" }) csv.WriteField(heading);
            csv.EndRecord();
            foreach (var error in Errors)
            {
                csv.WriteField(error.Row.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(error.Column);
                csv.WriteField(error.Field);
                csv.WriteField(error.Error);
                csv.WriteField(error.ApiMessage);
                csv.EndRecord();
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The counts on one line, as the command ends with.</summary>
    public string Summary() =>
        $"{(DryRun ? "dry run" : "import")} {Kind} {File}: read {Read}, valid {Valid}, written {Written}, already there {AlreadyThere}, refused {Refused}";
}
