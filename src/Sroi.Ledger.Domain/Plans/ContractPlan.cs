using System.Collections.Immutable;
using NodaTime;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>Where a revision of a plan stands. Serialised in kebab case.</summary>
public enum PlanRevisionStatus
{
    /// <summary>Awaiting the WSP's decision.</summary>
    Submitted,
    /// <summary>The plan in force (the last approved revision).</summary>
    Approved,
    Returned,
    /// <summary>An approved revision a later approval replaced, or a submitted one a newer submission replaced before review.</summary>
    Superseded,
}

/// <summary>One revision as folded: its lines, when it was submitted and how it was decided.</summary>
public sealed record PlanRevision(int Revision, ImmutableList<PlanLine> Lines, LocalDate SubmittedOn, PlanRevisionStatus Status)
{
    public LocalDate? DecidedOn { get; init; }

    /// <summary>The WSP's note on approval, or the reason it was sent back.</summary>
    public string? Remark { get; init; }
}

/// <summary>
/// A contract's plan of approach: every revision ever submitted, in order (none is dropped: the history shows each).
/// The plan in force is the last approved revision; a revision awaiting review does not change it.
/// </summary>
/// <remarks>Stored in the contract's document; no get-only collection here (the serialiser would store it twice).</remarks>
public sealed record ContractPlan(ImmutableList<PlanRevision> Revisions)
{
    public static ContractPlan None { get; } = new(ImmutableList<PlanRevision>.Empty);

    public PlanRevision? InForce => Revisions.LastOrDefault(r => r.Status == PlanRevisionStatus.Approved);

    public PlanRevision? Pending => Revisions.LastOrDefault(r => r.Status == PlanRevisionStatus.Submitted);

    public int NextRevision => Revisions.Count + 1;

    /// <summary>Each plan event applied in one place (called from <see cref="ContractDecider.Evolve"/>).</summary>
    public ContractPlan Apply(IContractEvent @event) => @event switch
    {
        PlanSubmitted e => new(Revisions
            .Select(r => r.Status == PlanRevisionStatus.Submitted ? r with { Status = PlanRevisionStatus.Superseded } : r)
            .ToImmutableList()
            .Add(new PlanRevision(e.Revision, [.. e.Lines], e.SubmittedOn, PlanRevisionStatus.Submitted))),
        PlanApproved e => new(Revisions.Select(r =>
            r.Revision == e.Revision ? r with { Status = PlanRevisionStatus.Approved, DecidedOn = e.ApprovedOn, Remark = e.Note }
            : r.Status == PlanRevisionStatus.Approved ? r with { Status = PlanRevisionStatus.Superseded }
            : r).ToImmutableList()),
        PlanReturned e => new(Revisions.Select(r =>
            r.Revision == e.Revision ? r with { Status = PlanRevisionStatus.Returned, DecidedOn = e.ReturnedOn, Remark = e.Reason } : r)
            .ToImmutableList()),
        _ => this,
    };
}
