namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// An endpoint that writes through the ledger's one write path (Writing/LedgerWriter): it can answer 409, 412 and 422,
/// and 503 during a rebuild (<see cref="Writing.WhileRebuilding"/>). The headers it accepts its signature declares
/// (<see cref="Writing.WriteHeaders"/>).
/// </summary>
public static class LedgerWriteDescription
{
    /// <summary>
    /// Declares what every ledger write can answer besides its success: a lost race, a stale If-Match, a broken rule; and
    /// puts the write behind <see cref="Writing.WhileRebuilding"/> (on the write endpoints only: a read builds no filter pipeline).
    /// </summary>
    public static RouteHandlerBuilder ProducesLedgerWriteProblems(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter<Writing.WhileRebuilding>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
