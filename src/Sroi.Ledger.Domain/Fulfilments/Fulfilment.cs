using NodaTime;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>
/// Where a report stands. Pending and accepted reports count (accepted value as fulfilled, pending value
/// shown apart); rejected, withdrawn and replaced ones do not. An accepted report stays accepted while a correction of it
/// awaits review (<see cref="Fulfilment.PendingCorrection"/>); it is replaced only when that correction is accepted.
/// </summary>
public enum FulfilmentStatus
{
    Pending,
    Accepted,
    Rejected,
    Withdrawn,
    Replaced,
}

/// <summary>One report on a contract as folded from its events.</summary>
public sealed record Fulfilment(
    Guid Id,
    Reporter ReportedBy,
    FulfilmentReport Report,
    Valuation Valuation,
    LocalDate ReportedOn,
    Guid? Replaces,
    FulfilmentStatus Status)
{
    public Guid? ReplacedBy { get; init; }

    /// <summary>
    /// For an accepted report: the correction of it that awaits review. Until the WSP accepts that correction the accepted
    /// report keeps counting (figures do not drop to zero in between, issue 17); a rejected or withdrawn correction leaves it
    /// as it was.
    /// </summary>
    public Guid? PendingCorrection { get; init; }

    public LocalDate? ReviewedOn { get; init; }

    /// <summary>The reviewer's note on acceptance, the reason of a rejection or of a withdrawal.</summary>
    public string? Remark { get; init; }

    /// <summary>Still in play: it uses up the candidate's cap, its invoice and its period.</summary>
    public bool Counts => Status is FulfilmentStatus.Pending or FulfilmentStatus.Accepted;

    public static Fulfilment From(FulfilmentReported e) =>
        new(e.FulfilmentId, e.ReportedBy, e.Report, e.Valuation, e.ReportedOn, e.Replaces, FulfilmentStatus.Pending);
}
