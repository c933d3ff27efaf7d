using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Sroi.Ledger.Api.Contracts.ReportsApart;
using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Plans;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// A contract stream folded once: what the deciders decide on, what the API shows (<see cref="ContractView"/> maps it) and
/// what the list filters on. Marten keeps it inline (<see cref="ContractFold"/>), in the municipality's tenant, keyed by the
/// stream's name. Its reports are in it too (<see cref="ContractState.Fulfilments"/>) until the operator's switch is on
/// (<see cref="ReportsApartSwitch"/>): then each is only in its report document and the contract's document keeps the totals
/// (issue 23, stage 3). The invoice claims across contracts live apart (<see cref="Fulfilments.InvoiceClaims"/>).
/// </summary>
/// <param name="Id">The stream's name, <c>contract-&lt;guid&gt;</c>.</param>
/// <param name="StreamVersion">The version of the stream this document folds (its ETag): every event counts, reports included.</param>
/// <param name="Balance">
/// The balance as far as it does not depend on the day, computed in the fold from <paramref name="State"/>; the status on a day
/// is <see cref="ContractBalance.StatusOn"/>. Kept beside the state so that the balance and the list read no report.
/// </param>
public sealed record ContractDocument(string Id, ContractState State, long StreamVersion, ContractBalance Balance)
{
    /// <summary>
    /// The document after the fold reached <paramref name="streamVersion"/>. Balance and plan figures come from the state's
    /// totals; where those are not known (a later release's document without its list, <see cref="ContractState.ReportsApart"/>:
    /// this build cannot move them by a report event) the <paramref name="previous"/> document's figures stay, lagging,
    /// until a write of that release repairs them (docs/architecture.md, "What stage 3 does").
    /// </summary>
    public static ContractDocument Of(string id, ContractState state, long streamVersion, ContractDocument? previous = null) =>
        state.Totals is null && state.ReportsApart && previous is not null
            ? previous with { State = state, StreamVersion = streamVersion }
            : new(id, state, streamVersion, ContractBalance.Of(state)) { Plan = PlanFigures.Of(state) };

    /// <summary>
    /// The plan in force and the revision awaiting review, each line planned against realised: computed in the fold beside
    /// the balance, so that the balance answers it without reading the reports.
    /// </summary>
    public PlanFigures Plan { get; init; } = new(null, null);

    /// <summary>The balance status where it does not depend on the day (settled, not applicable, fulfilled), else null.</summary>
    public BalanceStatus? FixedStatus => Balance.FixedStatus;

    /// <summary>Otherwise the first day the contract is behind (<see cref="BalanceStatuses.On"/>).</summary>
    public LocalDate? BehindFrom => Balance.BehindFrom;

    // What the list filters and orders on, duplicated into columns of Marten's table (ContractStorage). Read from the
    // state and the balance, not stored in the JSON a second time (get-only members are not serialised).
    public string Reference => State.Reference;

    public string ContractorKvk => State.Contractor!.KvkNumber.Value;

    public ContractCategory Category => State.Category;

    public ContractStatus Status => State.Status;

    public LocalDate AwardedOn => State.AwardedOn;

    public LocalDate EndsOn => State.EndsOn;

    /// <summary>The contract value today (after amendments), in cents: the list sorts on it.</summary>
    public long ContractValueCents => State.ContractValue.Cents;

    /// <summary>What <c>?q=</c> searches in, folded (<see cref="ReadingContracts.ContractSearch"/>).</summary>
    public string SearchText => ReadingContracts.ContractSearch.Text(State.Reference, State.Title, State.Contractor!.Name, State.Contractor.KvkNumber.Value);

    /// <summary>The policy version the obligation was decided under: the worklist reads its repair period in SQL.</summary>
    public string? ObligationPolicyVersion => State.Obligation?.PolicyVersion;

    /// <summary>
    /// The reports awaiting review, as a small JSON array (<see cref="Worklist.PendingReports"/>): the worklist pages its
    /// items in SQL from this column and the dates beside it, without taking the document apart. Never null once written
    /// (an empty array), so a row still without it is one the backfill has to fill.
    /// </summary>
    /// <remarks>
    /// A document without its list (<see cref="ContractState.ReportsApart"/>) writes an empty array: its reports awaiting review
    /// are read from their own documents through an index (<see cref="Worklist.WorklistQuery"/>), so neither the document nor
    /// this column grows with them (issue 23, stage 3). A node of the previous release, which reads this column, runs only while
    /// the switch is off, when every document still has its list.
    /// </remarks>
    public string PendingReports => State.ReportsApart ? Worklist.PendingReports.Empty : Worklist.PendingReports.Json(Pending);

    /// <summary>
    /// A regional contract's participants other than the lead, as a JSON array of CBS codes (<c>["GM0518","GM0503"]</c>); null
    /// for a contract of one municipality. The reads that enforce the tenancy (<see cref="ContractReader"/>, the list, the
    /// worklist, a placement's contract) find a participant's contracts by this column besides <c>tenant_id</c>.
    /// </summary>
    public string? Participants => ContractParticipants.Json(State);
    /// The day a contract still without an approved plan of approach is due one (three months after the award); null when
    /// it has one, owes no social return or is settled. The worklist shows it from that day while the term runs.
    /// </summary>
    public LocalDate? PlanMissingFrom => PlanWorklist.MissingFrom(State);

    /// <summary>
    /// The day the oldest report awaiting review was made; null when none awaits review. The worklist reads the contracts
    /// with reports in this order (each of a contract's reports is at least as late), so it unnests only the page's.
    /// </summary>
    public LocalDate? PendingSince => OldestPendingOn ?? Pending.Select(p => (LocalDate?)p.ReportedOn).Min();

    /// <summary>
    /// A document without its list (<see cref="ContractState.ReportsApart"/>): the day its oldest report awaiting review was
    /// made, kept by its fold (<see cref="ReportsApartFold"/>) since its totals no longer list those reports. The worklist
    /// reads the contracts in this order (<see cref="PendingSince"/>'s column and index) and each one's reports from their
    /// documents. Not written where null, so a document with its list reads as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LocalDate? OldestPendingOn { get; init; }

    /// <summary>
    /// The reports awaiting review: the stored totals', or where the totals are not known (never after this build's fold,
    /// which folds them from the list of a document a stage-2 node left without them: ContractFold) the document's list's,
    /// which is then whole. Empty in a document without its list (read <see cref="OldestPendingOn"/> and the report documents).
    /// </summary>
    private IEnumerable<PendingReport> Pending => State.Totals?.Pending ?? ContractTotals.PendingIn(State.Fulfilments);

    /// <summary>
    /// The first day the contract is due for settlement (<see cref="Domain.Monitoring.ContractMonitoring.SettlementDueFrom"/>):
    /// written null here and computed by the database (Worklist/worklist_order.sql), because the repair period is the
    /// policy's, another stream this fold does not see; the policy's trigger recomputes it when a version is added.
    /// </summary>
    public LocalDate? SettlementDueFrom => null;

    /// <summary>
    /// Where the fold that made this document in memory has its reports (<see cref="ReportsHeld"/>); null for a document read
    /// from the database. Never stored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ReportsHeld? Held { get; init; }
}

/// <summary>
/// Each contract event applied in one place: <see cref="ContractDecider.Evolve"/>. A fold from the stream's start (the
/// history, <c>?asKnownOn=</c>, the verification, a rebuild) keeps the whole list in memory. The inline fold of a write
/// starts from the stored document: once the operator's switch is on (<see cref="ReportsApartSwitch"/>), or where the
/// document is already without its list, it folds over the reports each event reads from the report documents and writes
/// the document without the list (<see cref="ReportsApartFold"/>, issue 23 stage 3).
/// </summary>
public sealed class ContractFold : SingleStreamProjection<ContractDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public ContractFold()
    {
        foreach (var (type, _) in ContractEventTypes.Mapped)
            IncludeType(type);
    }

    // Inline, Marten hands a fold every event of the streams it appends to: another stream kind's event folds to nothing,
    // and so does a contract event before the registration (the deciders never write one; a hand-made stream may).
    public override async ValueTask<ContractDocument?> EvolveAsync(ContractDocument? snapshot, string id, IQuerySession session, IEvent e,
        CancellationToken cancellation) => e.Data switch
    {
        IContractEvent change when snapshot is not null && await ApartAsync(snapshot, session, cancellation) =>
            await ReportsApartFold.EvolveAsync(snapshot, session, e, change, cancellation),
        ContractRegistered when snapshot is null && Registering(e) && await ReportsApartSwitch.IsOnAsync(session, cancellation) =>
            ReportsApartFold.Registered(Fresh(snapshot, id, e)!),
        _ => Fresh(snapshot, id, e),
    };

    /// <summary>
    /// Whether this fold is the registration's own write, not a fold from the stream's start (the history, <c>?asKnownOn=</c>,
    /// a rebuild), which begins with the same event and no document but keeps the whole list: so a contract registered while
    /// the switch is on is written without its list from its first write. The inline fold of a write sees its events before
    /// the database numbers them (Quick append, LedgerStoreOptions: sequence 0; its session is Marten's nested query session,
    /// not the writer's); every other fold reads them stored, numbered. Were the append mode Rich, this would answer false and
    /// the contract's second write would put it apart, as before.
    /// </summary>
    private static bool Registering(IEvent e) => e.Sequence == 0;

    /// <summary>
    /// Whether <paramref name="document"/> is folded without its list: it holds reports apart already (an earlier event of this
    /// append), or it is the stored document (nothing held: read from the database) and is without its list, or the switch
    /// is on (read once per write, in its transaction). A fold's own whole-list document never is: a fold from the start
    /// keeps the list.
    /// </summary>
    private static async ValueTask<bool> ApartAsync(ContractDocument document, IQuerySession session, CancellationToken ct) =>
        document.Held is { } held ? !ReferenceEquals(held, ReportsHeld.InList)
        : document.State.ReportsApart || await ReportsApartSwitch.IsOnAsync(session, ct);

    /// <summary>One event folded over the whole list in memory (also the auditor's step-by-step history, ContractStatesAfter).</summary>
    public static ContractDocument? Fresh(ContractDocument? document, string id, IEvent e) => e.Data switch
    {
        IContractEvent change when document is not null || change is ContractRegistered =>
            ContractDocument.Of(id, ContractDecider.Evolve(Kept(document?.State) ?? ContractState.Initial, change), e.Version, document)
                with { Held = ReportsHeld.InList },
        _ => document,
    };

    /// <summary>
    /// The totals are stored in the document and moved by each event's slice (issue 23, stage 3), so a write no longer folds
    /// them from the whole list. A document without them (a stage-2 node registered the contract, or it wrote every event
    /// since: that release stores no totals where there were none) has them folded from its list once, here, which is whole
    /// in every document written without <see cref="ContractState.ReportsApart"/>; this write stores them, and a stage-2
    /// node moves stored totals from then on (its fold keeps them where the previous document held them).
    /// </summary>
    private static ContractState? Kept(ContractState? state) =>
        state is { Exists: true, Totals: null, ReportsApart: false } ? state with { Totals = ContractTotals.Of(state) } : state;
}
