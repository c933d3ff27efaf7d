using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments.Reporting;

/// <summary>
/// POST /api/v1/contracts/{id}/fulfilments — a contractor (for its own contract) or the WSP reports how the
/// obligation is fulfilled; the report is valued at once with the table in force on its date.
/// POST …/fulfilments/{fid}/correction — the same body replaces an earlier report.
/// A new report holds whatever else happens to the contract: writers to one contract queue on its lock and all land.
/// </summary>
public static class ReportFulfilmentEndpoint
{
    public static async Task<Results<WrittenNew<FulfilmentResponse>, ProblemHttpResult>> ReportAsync(
        Guid id, JsonBody<FulfilmentReportShape> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, Npgsql.NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var report = FulfilmentReportShapes.ToReport(body.Value, body.Errors);
        if (report is null) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        if (await ContractorReach.TenantOfContractAsync(db, caller, id, ct) is not { } municipality) return Problems.NotFound($"Contract {id}");
        var (moment, table) = await ValuationAsync(report, municipality, caller, store, clock, ct);
        var reportId = Guid.CreateVersion7();
        var command = new ReportFulfilment(reportId, FulfilmentCommands.ReporterOf(caller), report, table, moment.Today);
        return await writer.WriteAsync<ContractDocument, WrittenNew<FulfilmentResponse>>(ContractWrites.Stream(id, municipality).Needing(ReportSlice.Needs(command)), caller, headers,
            body.Fingerprint, reason: null, (document, version) => FulfilmentCommands.OnContract(document, version, caller, id, reportId: null,
                state => FulfilmentDecider.Decide(command, state), moment, after => FulfilmentCommands.NewReport(after, reportId)), ct);
    }

    public static async Task<Results<WrittenNew<FulfilmentResponse>, ProblemHttpResult>> CorrectAsync(
        Guid id, Guid fid, JsonBody<FulfilmentReportShape> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, Npgsql.NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var report = FulfilmentReportShapes.ToReport(body.Value, body.Errors);
        if (report is null) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        if (await ContractorReach.TenantOfContractAsync(db, caller, id, ct) is not { } municipality) return Problems.NotFound($"Contract {id}");
        var (moment, table) = await ValuationAsync(report, municipality, caller, store, clock, ct);
        var reportId = Guid.CreateVersion7();
        var command = new CorrectFulfilment(fid, reportId, FulfilmentCommands.ReporterOf(caller), report, table, moment.Today);
        return await writer.WriteAsync<ContractDocument, WrittenNew<FulfilmentResponse>>(ContractWrites.Stream(id, municipality).Needing(ReportSlice.Needs(command), existing: fid), caller, headers,
            body.Fingerprint, reason: null, (document, version) => FulfilmentCommands.OnContract(document, version, caller, id, reportId: fid,
                state => FulfilmentDecider.Decide(command, state), moment, after => FulfilmentCommands.NewReport(after, reportId)), ct);
    }

    /// <summary>
    /// The moment of the report and the table that values it: the contract's municipality's (a contractor acting in every
    /// municipality reports on contracts of several), the one in force on the report's valuation date.
    /// </summary>
    private static async Task<(ContractMoment Moment, BuildingBlockTable? Table)> ValuationAsync(
        FulfilmentReport report, Sroi.Ledger.Domain.Shared.MunicipalityCode municipality, Caller caller, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct,
            watchesPsoOf: report is FulfilmentReport.SocialProcurement ? municipality : null);
        var table = await BuildingBlocks.BuildingBlockTables.InForceAsync(store, municipality,
            FulfilmentCommands.ValuationDate(report, moment.Today), ct);
        return (moment, table);
    }
}
