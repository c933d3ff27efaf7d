using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The filter of every ledger write (added by <see cref="LedgerWriteDescription.ProducesLedgerWriteProblems"/>): while the read models are
/// rebuilt from the event log (<see cref="Admin.ProjectionRebuild"/>) a write would fold into tables being replaced, so
/// it is answered 503 with Retry-After before it is read, and a rebuild waits for the writes already under way. A filter because the answer needs a header that a
/// <see cref="Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult"/> does not carry.
/// </summary>
public sealed class WhileRebuilding(Admin.ProjectionRebuild rebuild) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Held until the write has answered, so a rebuild that starts meanwhile waits for it (ProjectionRebuild.BeginWrite).
        using var lease = rebuild.BeginWrite();
        if (lease is null)
            return Problems.Unavailable(http, "The read models are being rebuilt from the event log; retry in a moment.", 5);
        return await next(context);
    }
}
