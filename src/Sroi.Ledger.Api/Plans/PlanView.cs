using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;

namespace Sroi.Ledger.Api.Plans;

/// <summary>Where a plan line stands on the day asked. Serialised in kebab case.</summary>
public enum PlanLineStatus
{
    /// <summary>Realised at least what was planned.</summary>
    Met,
    /// <summary>The period has not ended and less than planned is realised so far.</summary>
    Open,
    /// <summary>The period ended with less realised than planned (the <c>plan.behind</c> signal).</summary>
    Behind,
}

/// <param name="Unit">What <paramref name="Planned"/> and <paramref name="Realised"/> count: persons, euros or hours.</param>
/// <param name="Realised">From the contract's accepted reports of the kind (and block) in the period.</param>
public sealed record PlanLineView(
    FulfilmentKind Kind, BuildingBlockCode? Block, LocalDate From, LocalDate To, PlanUnit Unit, decimal Planned, decimal Realised, PlanLineStatus Status);

/// <param name="Remark">The WSP's note on approval, or the reason it was sent back.</param>
public sealed record PlanRevisionView(
    int Revision, PlanRevisionStatus Status, LocalDate SubmittedOn, LocalDate? DecidedOn, string? Remark, IReadOnlyList<PlanLineView> Lines);

/// <summary>A revision as the history lists it: its lines as planned.</summary>
public sealed record PlanRevisionEntry(
    int Revision, PlanRevisionStatus Status, LocalDate SubmittedOn, LocalDate? DecidedOn, string? Remark, IReadOnlyList<PlanLine> Lines);

/// <summary>
/// GET /contracts/{id}/plan: the plan in force (the last approved revision) and the revision awaiting review, each line
/// planned against realised on <paramref name="AsOf"/>, and every revision ever submitted.
/// </summary>
public sealed record PlanResponse(
    Guid ContractId, LocalDate AsOf, PlanRevisionView? InForce, PlanRevisionView? Pending, IReadOnlyList<PlanRevisionEntry> Revisions, long Version);

/// <summary>The plan's part of the balance: planned against realised per line of the plan in force and of the one awaiting review.</summary>
public sealed record PlanBalance(PlanRevisionView? InForce, PlanRevisionView? Pending);

public static class PlanView
{
    public static PlanResponse From(ContractDocument document, LocalDate today) =>
        From(document.State.Id, document.State.Plan, document.Plan, document.StreamVersion, today);

    public static PlanResponse From(Guid contractId, ContractPlan plan, PlanFigures figures, long version, LocalDate today) =>
        new(contractId, today, Revision(figures.InForce, today), Revision(figures.Pending, today),
            [.. plan.Revisions.Select(r => new PlanRevisionEntry(r.Revision, r.Status, r.SubmittedOn, r.DecidedOn, r.Remark, r.Lines))], version);

    public static PlanBalance Balance(PlanFigures figures, LocalDate asOf) => new(Revision(figures.InForce, asOf), Revision(figures.Pending, asOf));

    private static PlanRevisionView? Revision(PlanRevisionFigures? revision, LocalDate today) => revision is null ? null
        : new(revision.Revision, revision.Status, revision.SubmittedOn, revision.DecidedOn, revision.Remark,
            [.. revision.Lines.Select(l => new PlanLineView(l.Kind, l.Block, l.From, l.To, l.Unit, l.Planned, l.Realised,
                l.Realised >= l.Planned ? PlanLineStatus.Met : l.BehindOn(today) ? PlanLineStatus.Behind : PlanLineStatus.Open))]);
}
