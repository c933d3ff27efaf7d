using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.BuildingBlocks;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Fulfilments;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Fulfilments.Reporting;

/// <summary>
/// POST /api/v1/contracts/{id}/fulfilments — a contractor (for its own contract) or the WSP reports how the
/// obligation is fulfilled; the report is valued at once with the table in force on its date.
/// POST …/fulfilments/{fid}/correction — the same body replaces an earlier report.
/// </summary>
public static class ReportFulfilmentEndpoint
{
    [WolverinePost("/api/v1/contracts/{id:guid}/fulfilments", OperationId = "reportFulfilment")]
    public static async Task<IResult> ReportAsync(Guid id, HttpContext http, ContractWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var (read, problem) = await ReadAsync(http, store, clock, ct);
        if (problem is not null) return problem;
        var (body, report, table, today) = read!.Value;
        var reportId = Guid.CreateVersion7();
        var command = new ReportFulfilment(reportId, FulfilmentCommands.ReporterOf(Caller.From(http)), report, table, today);
        return await writer.ExecuteAsync(http, FulfilmentCommands.NewReport(id, reportId, body, correcting: null,
            state => FulfilmentDecider.Decide(command, state)), ct);
    }

    [WolverinePost("/api/v1/contracts/{id:guid}/fulfilments/{fid:guid}/correction", OperationId = "correctFulfilment")]
    public static async Task<IResult> CorrectAsync(Guid id, Guid fid, HttpContext http, ContractWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var (read, problem) = await ReadAsync(http, store, clock, ct);
        if (problem is not null) return problem;
        var (body, report, table, today) = read!.Value;
        var reportId = Guid.CreateVersion7();
        var command = new CorrectFulfilment(fid, reportId, FulfilmentCommands.ReporterOf(Caller.From(http)), report, table, today);
        return await writer.ExecuteAsync(http, FulfilmentCommands.NewReport(id, reportId, body, correcting: fid,
            state => FulfilmentDecider.Decide(command, state)), ct);
    }

    private static async Task<((byte[] Fingerprint, FulfilmentReport Report, BuildingBlockTable? Table, LocalDate Today)? Read, IResult? Problem)> ReadAsync(
        HttpContext http, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<FulfilmentReportShape>(http.Request, ct);
        if (problem is not null) return (null, problem);
        var errors = new FieldErrors();
        var report = FulfilmentReportShapes.ToReport(body!.Value, errors);
        if (report is null) return (null, Problems.BadRequest(errors));

        // Only contractors and the WSP report, and both see only their own municipality's contracts: its table applies.
        var today = BusinessCalendar.Today(clock);
        var table = await BuildingBlocks.BuildingBlockTables.InForceAsync(store, Caller.From(http).Municipality!.Value,
            FulfilmentCommands.ValuationDate(report, today), ct);
        return ((body.Fingerprint, report, table, today), null);
    }

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(ReportAsync):
                chain.Describe("Report fulfilment (employment, internship, bbl, work-experience, social-procurement, training, social-activity); valued at once.").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Reporters)
                    .Accepts<FulfilmentReportShape>("application/json").WithRequestExamples(FulfilmentExamples.PerKind)
                    .ProducesReportChange(StatusCodes.Status201Created);
                break;
            case nameof(CorrectAsync):
                chain.Describe("Replace a report with a new one (same body as a report); the old one no longer counts.").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Reporters)
                    .Accepts<FulfilmentReportShape>("application/json").WithRequestExamples(FulfilmentExamples.PerKind)
                    .ProducesReportChange(StatusCodes.Status201Created);
                break;
        }
    }
}
