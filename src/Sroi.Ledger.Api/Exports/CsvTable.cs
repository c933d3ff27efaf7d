namespace Sroi.Ledger.Api.Exports;

/// <summary>One column of an export: its Dutch header and how a row gives its value (null: an empty field).</summary>
public sealed record CsvColumn<TRow>(string Header, Func<TRow, string?> Value);

/// <summary>The columns of one kind of export; writes a header and then each row as it comes.</summary>
public sealed class CsvTable<TRow>(IReadOnlyList<CsvColumn<TRow>> columns)
{
    public IReadOnlyList<CsvColumn<TRow>> Columns => columns;

    /// <summary>The header row as it is written (for the OpenAPI document and the README).</summary>
    public string HeaderLine => string.Join(CsvWriter.Separator, columns.Select(c => c.Header));

    /// <summary>The byte order mark, the header, every row; the rows are read one at a time. Answers how many were written.</summary>
    public async Task<long> WriteAsync(CsvWriter writer, IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        writer.ByteOrderMark();
        foreach (var column in columns) writer.Field(column.Header);
        await writer.EndRowAsync(ct);
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in columns) writer.Field(column.Value(row));
            await writer.EndRowAsync(ct);
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }

    public Task<long> WriteAsync(CsvWriter writer, IEnumerable<TRow> rows, CancellationToken ct) => WriteAsync(writer, rows.ToAsyncEnumerable(), ct);
}
