using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>How a Wolverine endpoint describes itself, called from its class's <c>Configure(HttpChain)</c>.</summary>
public static class EndpointDescription
{
    /// <summary>
    /// The endpoint's summary, and only the answers it declares itself (<c>.Produces…</c> on the returned builder):
    /// Wolverine would infer "200 IResult" and a bare "404" from a handler that returns <see cref="IResult"/>.
    /// </summary>
    public static RouteHandlerBuilder Describe(this HttpChain chain, string summary)
    {
        chain.EndpointSummary = summary;
        chain.EndpointDescription = summary;
        chain.Finally(endpoint =>
        {
            var inferred = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>()
                .Where(m => m.Type == typeof(IResult) || (m.StatusCode == StatusCodes.Status404NotFound && (m.Type is null || m.Type == typeof(void))))
                .Cast<object>().ToList();
            foreach (var metadata in inferred) endpoint.Metadata.Remove(metadata);
        });
        return chain.Metadata;
    }
}

/// <summary>
/// An endpoint that writes through the ledger's one write path (Writing/LedgerWriter): it can answer 409, 412 and 422,
/// and 503 during a rebuild (<see cref="Writing.WhileRebuilding"/> looks for this). The headers it accepts its signature
/// declares (<see cref="Writing.WriteHeaders"/>).
/// </summary>
public sealed class LedgerWriteMetadata
{
    public static readonly LedgerWriteMetadata Instance = new();
}

public static class LedgerWriteDescription
{
    /// <summary>Declares what every ledger write can answer besides its success: a lost race, a stale If-Match, a broken rule.</summary>
    public static RouteHandlerBuilder ProducesLedgerWriteProblems(this RouteHandlerBuilder route) =>
        route.WithMetadata(LedgerWriteMetadata.Instance)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
