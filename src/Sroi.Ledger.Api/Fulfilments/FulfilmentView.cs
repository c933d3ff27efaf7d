using System.Text.Json;
using NodaTime;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// A report as the API shows it: what was reported (in its flat shape, as the converter writes it, so that the document
/// shows the one schema per kind of the request), what it is worth and why, and where its review stands.
/// </summary>
public sealed record FulfilmentResponse(
    Guid Id,
    Guid ContractId,
    FulfilmentKind Kind,
    FulfilmentStatus Status,
    Money Value,
    string TableVersion,
    IReadOnlyList<ValuationLine> Breakdown,
    int CountedDays,
    int ExcessDays,
    Reporter ReportedBy,
    LocalDate ReportedOn,
    FulfilmentReportShape Report,
    Guid? Replaces,
    Guid? ReplacedBy,
    Guid? PendingCorrection,
    LocalDate? ReviewedOn,
    string? ReviewNote,
    string? RejectionReason,
    string? WithdrawalReason);

public static class FulfilmentView
{
    public static string Json(Guid contractId, Fulfilment f) => JsonSerializer.Serialize(From(contractId, f), LedgerJson.Options);

    public static FulfilmentResponse From(Guid contractId, Fulfilment f) => new(
        f.Id, contractId, f.Report.Kind, f.Status, f.Valuation.Value, f.Valuation.TableVersion, f.Valuation.Breakdown,
        f.Valuation.CountedDays, f.Valuation.ExcessDays, f.ReportedBy, f.ReportedOn, FulfilmentReportShapes.From(f.Report), f.Replaces, f.ReplacedBy, f.PendingCorrection, f.ReviewedOn,
        f.Status == FulfilmentStatus.Accepted ? f.Remark : null,
        f.Status == FulfilmentStatus.Rejected ? f.Remark : null,
        f.Status == FulfilmentStatus.Withdrawn ? f.Remark : null);
}
