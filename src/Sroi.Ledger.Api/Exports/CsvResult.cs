using Microsoft.Net.Http.Headers;

namespace Sroi.Ledger.Api.Exports;

/// <summary>An export ready to be written: its file name and how to write it (answering the rows written).</summary>
public sealed record CsvExport(string FileName, Func<CsvWriter, CancellationToken, Task<long>> WriteAsync);

/// <summary>
/// An export as the HTTP answer: the rows are read only once the answer is written, and go out as they are read — past
/// the first MiB, which an expensive read keeps until it has given its node place back (RateLimiting/KeptAnswer: so an
/// export of up to 1 MiB goes out whole, with its length, and one that fails before then is a clean problem answer). A
/// database failure after that can only break the connection: the 200 has left by then.
/// </summary>
public sealed class CsvResult(CsvExport export) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = CsvWriter.ContentType;
        http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = export.FileName }.ToString();
        await using var csv = new CsvWriter(http.Response.BodyWriter);
        await export.WriteAsync(csv, http.RequestAborted);
    }
}
