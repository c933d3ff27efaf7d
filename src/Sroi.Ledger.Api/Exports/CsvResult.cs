using Microsoft.Net.Http.Headers;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// An export as the HTTP answer: the rows are read only once the answer is written, and go out as they are read. The
/// first row is read before anything is sent, so "there is nothing" can still be answered properly
/// (<paramref name="whenEmpty"/>: a 404 for a stream that does not exist, or null for a header-only file). A database
/// failure after the first rows can only break the connection: the 200 has left by then.
/// </summary>
public sealed class CsvResult<TRow>(CsvTable<TRow> table, IAsyncEnumerable<TRow> rows, string fileName,
    Func<CancellationToken, Task<IResult?>>? whenEmpty = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var enumerator = rows.GetAsyncEnumerator(ct);
        var any = await enumerator.MoveNextAsync();
        if (!any && whenEmpty is not null && await whenEmpty(ct) is { } instead)
        {
            await instead.ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = CsvWriter.ContentType;
        http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        await table.WriteAsync(new CsvWriter(http.Response.BodyWriter), Rest(enumerator, any), ct);
    }

    /// <summary>The row already read, then the others from the same reader.</summary>
    private static async IAsyncEnumerable<TRow> Rest(IAsyncEnumerator<TRow> enumerator, bool hasCurrent)
    {
        if (!hasCurrent) yield break;
        yield return enumerator.Current;
        while (await enumerator.MoveNextAsync())
            yield return enumerator.Current;
    }
}
