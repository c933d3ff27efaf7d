using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// Between the callers' limits and the expensive reads' (<see cref="LedgerRateLimiting.UseLedgerRateLimiting"/>): a known
/// caller's expensive read has its body read whole before it waits for a place of the node's, and its answer kept
/// (<see cref="KeptAnswer"/>: in memory up to 32 KiB, then in a temporary file, up to 1 MiB) until the read has given its
/// place back, and only then sent. Session 39's attack: a body sent at Kestrel's floor of 240 B/s, or an answer read as
/// slowly, held one of the node's places for minutes, and on two cores the node has one. Now a slow client holds only
/// its own places (the callers' limits stay outermost, from the first byte to the last), which bounds what it can keep
/// waiting here: its expensive reads in flight (<see cref="CallerConcurrency.ExpensiveInFlight"/>, held to the last byte
/// since session 41), each a body of at most <see cref="RequestBodyLimit"/> and one kept answer of at most
/// <see cref="KeptAnswer.Cap"/>. A larger answer goes out as it is written, within the place, its reader held to a
/// real rate (<see cref="KeptAnswer"/>). With the node's limit off nothing is kept: there is no place to give back (the
/// caller's own expensive place, outermost, covers the whole request anyway). Nor is a request its caller's limits refuse
/// read here: they are outside, and refuse it before it is asked for its body (no <c>100 Continue</c>).
/// A request without a known caller takes no place of the node's (it is refused 401 before reading), so it passes as is.
/// </summary>
public sealed class ExpensiveReadBuffering(RequestDelegate next, NodeExpensiveReads node)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // Only a request that will hold a node's place has one to give back early (with the node's limit off, none does).
        if (!LedgerRateLimiting.HoldsNodesExpensivePlace(http, node))
        {
            await next(http);
            return;
        }
        // A GET or HEAD endpoint reads no body: one announced and never sent would only keep the caller waiting here.
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) await ReadBodyAheadAsync(http);

        var answer = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var kept = new KeptAnswer(answer.Stream, http);
        var keeping = new StreamResponseBodyFeature(kept, answer);
        http.Features.Set<IHttpResponseBodyFeature>(keeping);
        try
        {
            await next(http);
            // What the read wrote through the body's PipeWriter, flushed into the kept stream.
            await keeping.CompleteAsync();
        }
        finally
        {
            // A read that threw before its answer outgrew the cap leaves nothing half sent: the exception handler answers
            // on the real body.
            http.Features.Set(answer);
        }
        if (kept.PassedOn) return;
        // The place is given back by now (the expensive reads' limiter is inside this): the answer goes at the client's pace.
        if (kept.KeptLength > 0 && http.Response.ContentLength is null) http.Response.ContentLength = kept.KeptLength;
        try
        {
            await kept.SendAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            // The client left while its answer was being sent: nothing to answer, and no error of the service's to log.
        }
    }

    /// <summary>
    /// The body read into a buffer the endpoint reads again from its start (<see cref="BufferingHelper"/>: in memory, a
    /// temporary file past 30 KiB), up to the body limit and a byte past it, so the endpoint still refuses a larger body
    /// 413 as it would have. A body announced larger than the limit is left unread, as the endpoint leaves it; a body that
    /// cannot be read (too slow for Kestrel, broken chunking, a client gone) is left for the endpoint to answer as it does.
    /// </summary>
    private static async Task ReadBodyAheadAsync(HttpContext http)
    {
        var request = http.Request;
        var limit = RequestBodyLimit.Of(http).Bytes;
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || request.ContentLength > limit) return;
        request.EnableBuffering();
        var scratch = new byte[4096];
        long read = 0;
        try
        {
            int got;
            while (read <= limit && (got = await request.Body.ReadAsync(scratch, http.RequestAborted)) > 0) read += got;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // The endpoint reads it again and answers what went wrong (RequestBody: 413, 400, or nothing to a client gone).
        }
        request.Body.Position = 0;
    }
}
