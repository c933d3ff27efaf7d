using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>Sample sheets made by the tests: an .xlsx workbook (MiniExcel) or a .csv file, and the endpoint's form.</summary>
public static class ImportSheets
{
    /// <summary>A workbook whose first row is the headings; a cell keeps its type (text, a number, a date).</summary>
    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        // MiniExcel takes its headings from the first row: every row gets every heading, empty where it has none.
        var list = rows.ToList();
        var headings = list.SelectMany(row => row.Keys).Distinct().ToList();
        var full = list.Select(row => headings.ToDictionary(h => h, h => row.GetValueOrDefault(h))).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(full, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A CSV file as Dutch Excel writes it: semicolons.</summary>
    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal)
            ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    /// <summary>Letters only: a file name recorded in the reasons, unique per test run.</summary>
    public static string UniqueName(string stem, string extension) => $"{stem}-{Contracts.ContractBodies.UniqueLetters(8)}{extension}";
}
