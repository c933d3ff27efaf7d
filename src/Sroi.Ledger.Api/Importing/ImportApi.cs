using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Importing;

/// <summary>The import endpoint under /api/v1/admin (the command <c>import</c> does the same from a shell).</summary>
public static class ImportApi
{
    public static void MapImports(RouteGroupBuilder api)
    {
        api.MapPost("/admin/imports/{kind}", ImportEndpoint.HandleAsync).WithName("importSheet").WithTags("Administration")
            .WithSummary("Import a sheet of contracts, fulfilments, candidates or placements (.xlsx or .csv, the template of docs/import-template.md).")
            .WithDescription("""
                Multipart form with the sheet in the field `file`. Every row is validated and written by the endpoint of its
                kind (POST /contracts, /contracts/{id}/fulfilments, /candidates, /candidates/{candidateNumber}/placements),
                on behalf of the import (actor `inkoop:import` or `wsp:import`), with the reason "import FILE row N" and an
                Idempotency-Key per row (a hash of kind, municipality and the row's content): a re-run adds nothing twice.
                `dryRun=true` decides every row on the ledger as it is and writes nothing. `municipality` is the CBS code of
                every row; without it each row names its own in the column Gemeente. The answer counts the rows read,
                valid, written, already there and refused, and lists every error of every refused row (row, column, the
                API's field, the error in Dutch, the API's message), also as CSV. A file that cannot be imported at all (not
                .xlsx or .csv, an unknown column, a BSN, name or birth-date column) is a 400 naming `file`; nothing is written.
                """)
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
