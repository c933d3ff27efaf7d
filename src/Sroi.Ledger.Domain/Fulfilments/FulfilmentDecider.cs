using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Domain.BuildingBlocks;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>
/// Decides reports and their review over the contract's state: a contract's reports share its stream, so
/// that the cap per candidate, the overlap of periods and the settlement are checked against one consistent
/// history. Pure: the clock, the ids and the table in force come in with the command.
/// </summary>
public static class FulfilmentDecider
{
    /// <summary>How long before the contract start a candidate's work may still count (DOMAIN.md).</summary>
    public const int GraceMonthsBeforeStart = 12;

    public static IReadOnlyList<IContractEvent> Decide(ReportFulfilment command, ContractState state)
    {
        RequireOpenForReports(state);
        var valuation = Value(command.Report, command.Table, command.Today, state, replacing: []);
        return [new FulfilmentReported(command.FulfilmentId, command.ReportedBy, command.Report, valuation, command.Today, null)];
    }

    public static IReadOnlyList<IContractEvent> Decide(CorrectFulfilment command, ContractState state)
    {
        RequireOpenForReports(state);
        var old = Require(state, command.FulfilmentId);
        if (!old.Counts && old.Status != FulfilmentStatus.Rejected)
            throw new RuleViolation("fulfilment.not-correctable",
                $"Report {old.Id} is {Name(old.Status)}; only a pending, accepted or rejected report can be corrected.");
        if (command.ReportedBy == Reporter.Opdrachtnemer && old.ReportedBy != Reporter.Opdrachtnemer)
            throw new RuleViolation("fulfilment.correction-not-allowed",
                "A contractor corrects its own reports; this one was reported by the WSP.");
        // One correction of an accepted report at a time: a second would leave two candidates to replace it.
        if (old.PendingCorrection is { } pending)
            throw new RuleViolation("fulfilment.correction-pending",
                $"Report {old.Id} has a correction awaiting review ({pending}); correct that one instead, or wait for its review.");
        // A rejected correction of a report that still counts: a correction of it would count beside the original. The
        // original may be further back (a correction of a pending correction replaced that one): the chain is followed
        // through the reports it replaced to the first that was not replaced.
        if (old.Status == FulfilmentStatus.Rejected && CountingOriginal(state.Fulfilments, old) is { } original)
            throw new RuleViolation("fulfilment.correct-the-original",
                $"Report {old.Id} was a rejected correction of report {original}, which still counts; correct {original} instead.");
        // Valued without the report it corrects and the accepted report it would replace (the two may differ: a correction of a
        // pending correction), so that neither's days count against it.
        Guid[] replacing = Superseded(state.Fulfilments, old) is { } superseded ? [old.Id, superseded.Id] : [old.Id];
        var valuation = Value(command.Report, command.Table, command.Today, state, replacing);
        return [new FulfilmentReported(command.NewFulfilmentId, command.ReportedBy, command.Report, valuation, command.Today, old.Id)];
    }

    /// <summary>
    /// The accepted report <paramref name="rejected"/>'s chain of corrections started from, when it still counts: followed back
    /// through the reports each one replaced (<see cref="Fulfilment.Replaces"/>, status replaced) to the first that was not.
    /// </summary>
    private static Guid? CountingOriginal(FulfilmentList reports, Fulfilment rejected)
    {
        for (var at = rejected.Replaces; at is { } id; at = reports[id].Replaces)
        {
            var report = reports[id];
            if (report.Status == FulfilmentStatus.Accepted) return report.Id;
            if (report.Status != FulfilmentStatus.Replaced) return null;
        }
        return null;
    }

    public static IReadOnlyList<IContractEvent> Decide(AcceptFulfilment command, ContractState state)
    {
        RequirePending(state, command.FulfilmentId, "accepted");
        return [new FulfilmentAccepted(command.FulfilmentId, command.Today, command.Note)];
    }

    public static IReadOnlyList<IContractEvent> Decide(RejectFulfilment command, ContractState state)
    {
        RequirePending(state, command.FulfilmentId, "rejected");
        return [new FulfilmentRejected(command.FulfilmentId, command.Today, command.Reason)];
    }

    public static IReadOnlyList<IContractEvent> Decide(WithdrawFulfilment command, ContractState state)
    {
        var report = RequirePending(state, command.FulfilmentId, "withdrawn");
        if (report.ReportedBy != command.By)
            throw new RuleViolation("fulfilment.withdrawal-by-reporter-only",
                $"Only the reporter ({Name(report.ReportedBy)}) withdraws a report; the WSP rejects instead.");
        return [new FulfilmentWithdrawn(command.FulfilmentId, command.Today, command.Reason)];
    }

    /// <summary>
    /// Each report event applied in one place, on the contract's reports in the order they were reported. A correction of an
    /// accepted report leaves it accepted (still counting) with the correction pending beside it; only the correction's
    /// acceptance replaces it, and a rejected or withdrawn correction leaves it as it was. A correction of a pending or rejected
    /// report replaces it at once (a correction of a pending correction takes its place as the one awaiting review).
    /// </summary>
    public static FulfilmentList Evolve(FulfilmentList reports, IContractEvent @event) => @event switch
    {
        FulfilmentReported e when e.Replaces is { } old => Corrected(reports, reports[old], Fulfilment.From(e)),
        FulfilmentReported e => reports.Add(Fulfilment.From(e)),
        FulfilmentAccepted e => Settle(reports.Change(e.FulfilmentId,
                f => f with { Status = FulfilmentStatus.Accepted, ReviewedOn = e.ReviewedOn, Remark = e.Note }),
            e.FulfilmentId, f => f with { Status = FulfilmentStatus.Replaced, ReplacedBy = e.FulfilmentId, PendingCorrection = null }),
        FulfilmentRejected e => Settle(reports.Change(e.FulfilmentId,
                f => f with { Status = FulfilmentStatus.Rejected, ReviewedOn = e.ReviewedOn, Remark = e.Reason }),
            e.FulfilmentId, f => f with { PendingCorrection = null }),
        FulfilmentWithdrawn e => Settle(reports.Change(e.FulfilmentId,
                f => f with { Status = FulfilmentStatus.Withdrawn, Remark = e.Reason }),
            e.FulfilmentId, f => f with { PendingCorrection = null }),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Not a fulfilment event."),
    };

    private static FulfilmentList Corrected(FulfilmentList reports, Fulfilment old, Fulfilment correction)
    {
        if (old.Status == FulfilmentStatus.Accepted)
            return reports.Change(old.Id, f => f with { PendingCorrection = correction.Id }).Add(correction);
        var replaced = reports.Change(old.Id, f => f with { Status = FulfilmentStatus.Replaced, ReplacedBy = correction.Id });
        if (Superseded(reports, old) is { } accepted)
            replaced = replaced.Change(accepted.Id, f => f with { PendingCorrection = correction.Id });
        return replaced.Add(correction);
    }

    /// <summary>The review of report <paramref name="reviewed"/> also settles the accepted report it was a correction of, if any.</summary>
    private static FulfilmentList Settle(FulfilmentList reports, Guid reviewed, Func<Fulfilment, Fulfilment> change) =>
        reports.InOrder.FirstOrDefault(f => f.PendingCorrection == reviewed) is { } corrected ? reports.Change(corrected.Id, change) : reports;

    /// <summary>
    /// The accepted report a correction of <paramref name="old"/> would replace once accepted: <paramref name="old"/> itself when
    /// accepted, else the accepted report that <paramref name="old"/> is the pending correction of; null when there is none.
    /// </summary>
    private static Fulfilment? Superseded(FulfilmentList reports, Fulfilment old) =>
        old.Status == FulfilmentStatus.Accepted ? old : reports.InOrder.FirstOrDefault(f => f.PendingCorrection == old.Id);

    /// <summary>The request field that holds a report's date, for the field named in a rule violation.</summary>
    public static (string Start, string End) DateFields(FulfilmentReport report) => report switch
    {
        FulfilmentReport.SocialProcurement => ("invoiceDate", "invoiceDate"),
        { Work: not null } => ("periodStart", "periodEnd"),
        _ => ("date", "date"),
    };

    private static Valuation Value(FulfilmentReport report, BuildingBlockTable? table, LocalDate today, ContractState state, IReadOnlyCollection<Guid> replacing)
    {
        var (startField, endField) = DateFields(report);
        if (report.ValuationDate is { } start)
        {
            var end = report.Work?.End ?? start;
            var earliest = state.StartsOn.PlusMonths(-GraceMonthsBeforeStart);
            if (start < earliest)
                throw new RuleViolation("fulfilment.outside-term",
                    $"{start:yyyy-MM-dd} lies before the contract term, beyond the {GraceMonthsBeforeStart}-month grace before its start " +
                    $"{state.StartsOn:yyyy-MM-dd} (earliest {earliest:yyyy-MM-dd}).", startField);
            if (end > state.EndsOn)
                throw new RuleViolation("fulfilment.outside-term",
                    $"{end:yyyy-MM-dd} lies after the contract term, which ends on {state.EndsOn:yyyy-MM-dd}.", endField);
            if (end > today)
                throw new RuleViolation("fulfilment.in-future",
                    $"{end:yyyy-MM-dd} is in the future: report what has been done.", endField);
        }
        if (table is null)
            throw new RuleViolation("valuation.no-table-in-force",
                $"The municipality has no building-block table in force on {report.ValuationDate ?? today:yyyy-MM-dd}; " +
                "the WSP or an administrator adds one (POST /api/v1/building-block-tables).", startField);

        var others = state.Fulfilments.InOrder.Where(f => f.Counts && !replacing.Contains(f.Id)).ToList();
        return FulfilmentValuer.Value(report, table, UsageOf(report.Work, others));
    }

    /// <summary>
    /// What the candidate's other reports on this contract used up. The same candidate's periods may not overlap:
    /// one day of work counts once.
    /// </summary>
    private static CandidateUsage UsageOf(WorkingPeriod? work, IReadOnlyList<Fulfilment> others)
    {
        if (work?.Candidate is not { } candidate)
            return CandidateUsage.None;
        var same = others.Where(f => f.Report.Work?.Candidate == candidate).ToList();
        if (same.FirstOrDefault(f => f.Report.Work!.Overlaps(work)) is { } overlapping)
            throw new RuleViolation("fulfilment.period-overlap",
                $"Candidate {candidate} is already reported for {overlapping.Report.Work!.Start:yyyy-MM-dd} to " +
                $"{overlapping.Report.Work.End:yyyy-MM-dd} on this contract (report {overlapping.Id}); a day counts once. " +
                "Correct that report instead.", "periodStart");
        return CandidateUsage.Of(same);
    }

    private static void RequireOpenForReports(ContractState state)
    {
        if (!state.Exists || state.Obligation is null)
            throw new RuleViolation("contract.not-registered", "The contract is not registered.");
        if (state.Settlement is not null)
            throw new RuleViolation("contract.settled",
                $"The obligation was settled on {state.Settlement.SettledOn:yyyy-MM-dd}; no reports are taken after settlement.");
        if (!state.Obligation.Applies)
            throw new RuleViolation("fulfilment.no-obligation", "The contract has no SROI obligation to fulfil.");
    }

    private static Fulfilment Require(ContractState state, Guid id) =>
        state.Fulfilments.TryGetValue(id, out var report)
            ? report
            : throw new RuleViolation("fulfilment.not-found", $"The contract has no report {id}.");

    private static Fulfilment RequirePending(ContractState state, Guid id, string what)
    {
        var report = Require(state, id);
        if (report.Status != FulfilmentStatus.Pending)
            throw new RuleViolation("fulfilment.not-pending", $"Report {id} is {Name(report.Status)}; only a pending report can be {what}.");
        return report;
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
