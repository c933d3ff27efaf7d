using System.Collections.Immutable;
using NodaTime;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>
/// A contract folded from its events, once (<see cref="ContractDecider.Evolve"/>): what the deciders decide on and
/// everything the API shows of it — the contract, its amendments, its reports in the order they were reported, and its
/// settlement. Before <c>contract.registered.v1</c> it is <see cref="Initial"/> (<see cref="Exists"/> false).
/// </summary>
public sealed record ContractState(
    bool Exists,
    Guid Id,
    MunicipalityCode Municipality,
    string Reference,
    string Title,
    ContractCategory Category,
    Money ContractValue,
    Contractor? Contractor,
    LocalDate AwardedOn,
    LocalDate StartsOn,
    LocalDate EndsOn,
    ContractScope Scope,
    ContractStatus Status,
    ObligationBasis? Basis,
    Obligation? Obligation)
{
    public static ContractState Initial { get; } = new(
        false, Guid.Empty, default, "", "", default, Money.Zero, null, default, default, default, default, ContractStatus.Active, null, null);

    /// <summary>The date the work ended, once the contract is completed.</summary>
    public LocalDate? CompletedOn { get; init; }

    /// <summary>The changes of the contract value, in the order they were recorded.</summary>
    public ImmutableList<ContractAmended> Amendments { get; init; } = ImmutableList<ContractAmended>.Empty;

    /// <summary>
    /// The reports, in reported order. In the stored document the whole list (a node of the previous release decides on it);
    /// in a write path only the slice the command needs (<see cref="ReportSlice.Needs(ReportFulfilment)"/>), which is all a
    /// decider reads. Whatever needs every report reads <see cref="Totals"/> instead.
    /// </summary>
    public FulfilmentList Fulfilments { get; init; } = FulfilmentList.Empty;

    /// <summary>
    /// What is kept of the reports as a whole (issue 23): null when not known. The fold keeps it whenever it folds every
    /// event (the history, the verification, a write path's state), and the stored document holds it (stage 3), moved by each
    /// event's slice. Null is not written: a stage-2 node (which declares and reads the member, and stores it where the
    /// previous document held it) writes a document without it where there was none, and a node of this build folds them
    /// from the list once on its next write. Read through <see cref="TotalsNow"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ContractTotals? Totals { get; init; }

    /// <summary>
    /// Set where the document is written without its report list (stage 3, once the operator's switch is on; the API's
    /// <c>Contracts/ReportsApart</c>): then <see cref="Fulfilments"/> is not the list, so this fold (a stage-2 node's, and
    /// this build's <see cref="ContractDecider.Evolve"/> over such a state) moves neither it nor the totals on a report event, and leaves
    /// <see cref="Totals"/> null; this build's inline fold moves them by the slice it reads from the report documents instead,
    /// and clears the flag while it evolves. False is not written, so a document with its list reads as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReportsApart { get; init; }

    /// <summary>
    /// The totals; when they are not kept (null), folded from the report list, which is then whole (a document the previous
    /// release wrote keeps every report). A state whose list is not whole (a write path's slice, a document without its
    /// list) has its totals repaired before it is read: this refuses rather than total a part.
    /// </summary>
    public ContractTotals TotalsNow() => Totals ?? (ReportsApart
        ? throw new InvalidOperationException($"Contract {Id}: the totals are not kept and the report list is not in the document; repair them from the report documents first.")
        : ContractTotals.Of(this));

    public ObligationSettled? Settlement { get; init; }

    /// <summary>A regional contract's participants (the lead included) and region; null for a contract of one municipality.</summary>
    public ContractParticipantsRecorded? Participation { get; init; }

    /// <summary>Whether <paramref name="municipality"/> takes part in the contract without being its lead.</summary>
    public bool HasParticipant(MunicipalityCode municipality) =>
        municipality != Municipality && Participation is { } p && p.Participants.Contains(municipality);
    /// <summary>The plan of approach: every revision submitted, the one in force and the one awaiting review.</summary>
    public Plans.ContractPlan Plan { get; init; } = Plans.ContractPlan.None;

    /// <summary>
    /// What PSO does to the contract (the last <c>contract.pso-applied.v1</c>); null when PSO never touched it. The balance
    /// computes the reduction and the purchases' extra value from it (<see cref="PsoEffects.Of"/>).
    /// </summary>
    public ContractPsoApplied? Pso { get; init; }

    public static ContractState Registered(ContractRegistered e) => new(
        true, e.ContractId, e.Municipality, e.Reference, e.Title, e.Category, e.ContractValue, e.Contractor,
        e.AwardedOn, e.StartsOn, e.EndsOn, e.Scope, ContractStatus.Active, e.Basis, e.Obligation)
    { Totals = ContractTotals.Empty };
}
