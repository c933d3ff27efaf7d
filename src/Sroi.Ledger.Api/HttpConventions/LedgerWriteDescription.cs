namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// An endpoint that writes through the ledger's one write path (Writing/LedgerWriter): it can answer 409, 412 and 422
/// (a rebuild no longer refuses writes: Admin/ProjectionRebuild works under the writers' own locks). The headers it accepts its signature declares
/// (<see cref="Writing.WriteHeaders"/>).
/// </summary>
public static class LedgerWriteDescription
{
    /// <summary>
    /// Declares what every ledger write can answer besides its success: a lost race, a stale If-Match, a broken rule.
    /// </summary>
    public static RouteHandlerBuilder ProducesLedgerWriteProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
