using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Fulfilments.Reading;
using Sroi.Ledger.Api.Fulfilments.Reporting;
using Sroi.Ledger.Api.Fulfilments.Reviewing;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Fulfilments;

public static class FulfilmentEndpoints
{
    public static readonly Role[] Readers = [Role.Inkoop, Role.Wsp, Role.Opdrachtnemer, Role.Auditor, Role.Admin];
    public static readonly Role[] Reporters = [Role.Opdrachtnemer, Role.Wsp];

    /// <summary>What a write on a report can answer besides the report: 403, 404, and what every ledger write can.</summary>
    public static RouteHandlerBuilder ProducesReportChange(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesLedgerWriteProblems();
}
