using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Pso;

/// <summary>The PSO certificate endpoints under /api/v1/contractors/{kvk}/pso-certificates: who may call each, and what it is.</summary>
public static class PsoApi
{
    public static void MapPso(RouteGroupBuilder api)
    {
        var certificates = api.MapGroup("/contractors/{kvk}/pso-certificates").WithTags("PSO certificates");

        certificates.MapGet("", PsoCertificateEndpoints.ListAsync).WithName("listPsoCertificates")
            .WithSummary("The PSO certificates (Prestatieladder Socialer Ondernemen) the municipality's WSP recorded for a contractor or supplier " +
                "(KvK number), withdrawn ones marked; with `validOn` also the one valid on that date; as known on `asKnownOn`. A key bound to a " +
                "municipality reads its own municipality's records, an admin names `municipality`; a contractor's key reads only its own KvK number's. " +
                "None recorded is an empty list.")
            .RequireRoles(Role.Wsp, Role.Auditor, Role.Inkoop, Role.Admin, Role.Opdrachtnemer)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        certificates.MapPost("", PsoCertificateEndpoints.RecordAsync).WithName("recordPsoCertificate")
            .WithSummary("The WSP records a PSO certificate it verified: `level` (aspirant, trede1, trede2, trede3), `validFrom` to `validTo` " +
                "(both included), optionally the `certificateNumber`. Recorded per municipality: what this municipality's WSP verified counts " +
                "in this municipality's figures only. Its policy decides what it does: a reduction of the contractor's obligation for the " +
                "days it is valid, and/or purchases from the certified organisation counting as social procurement at a share. Two " +
                "certificates of one organisation valid on the same day are a 422 (`pso-certificate.overlaps`).")
            .RequireRoles(Role.Wsp, Role.Admin)
            .WithRequestExamples(new RequestExample("trede2", "PSO trede 2, valid three years", new System.Text.Json.Nodes.JsonObject
            {
                ["level"] = "trede2", ["validFrom"] = "2024-07-01", ["validTo"] = "2027-06-30", ["certificateNumber"] = "PSO-2024-0042",
            }))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesLedgerWriteProblems();

        certificates.MapPost("/{number}/correction", PsoCertificateEndpoints.CorrectAsync).WithName("correctPsoCertificate")
            .WithSummary("Correct a recorded certificate: its level, term and number as they should have been, with the `reason`. Figures as known " +
                "before the correction stay as they were (`asKnownOn`).")
            .RequireRoles(Role.Wsp, Role.Admin)
            .WithRequestExamples(new RequestExample("term", "The certificate runs from another date", new System.Text.Json.Nodes.JsonObject
            {
                ["level"] = "trede2", ["validFrom"] = "2024-09-01", ["validTo"] = "2027-08-31", ["certificateNumber"] = "PSO-2024-0042",
                ["reason"] = "Datum overgenomen van het verkeerde certificaat",
            }))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        certificates.MapPost("/{number}/withdrawal", PsoCertificateEndpoints.WithdrawAsync).WithName("withdrawPsoCertificate")
            .WithSummary("Withdraw a recorded certificate (recorded in error, or revoked), with the `reason`: from now on it counts nowhere.")
            .RequireRoles(Role.Wsp, Role.Admin)
            .WithRequestExamples(new RequestExample("revoked", "Revoked by the certifying body", new System.Text.Json.Nodes.JsonObject
            {
                ["reason"] = "Certificaat ingetrokken door de certificerende instelling",
            }))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
    }
}
