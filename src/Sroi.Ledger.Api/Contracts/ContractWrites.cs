using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// What every write on a contract stream needs besides the shared write function (<see cref="LedgerWriter.WriteAsync"/>):
/// plain functions the endpoints' decide functions call. The contract's document (<see cref="ContractDocument"/>) is
/// what is decided on; a contract the caller may not see is 404; the decided events bring their notifications and
/// deadline check; a duplicate reference (400) and an invoice already counted (409) are refused by the database inside
/// the append's transaction.
/// </summary>
public static class ContractWrites
{
    /// <summary>
    /// The contract's stream in the caller's tenant. Every role that writes to contracts is bound to one municipality: in
    /// its tenant a contract of another municipality is simply not there.
    /// </summary>
    public static LedgerStream<ContractDocument> Stream(Guid contractId, Caller caller) =>
        Stream(contractId, caller.Municipality ?? throw new InvalidOperationException("Contract commands are for keys bound to a municipality."));

    /// <summary>
    /// The contract's stream in <paramref name="municipality"/>'s tenant: for a contractor acting in every municipality, the
    /// contract's own (<see cref="ContractorReach.TenantOfContractAsync"/>).
    /// </summary>
    /// <remarks>Decided on without reports (<see cref="ContractReports.None"/>): a report command names the ones it needs
    /// (<see cref="Needing"/>), a plan or PSO command takes every one (<see cref="ContractReports.Every"/>).</remarks>
    public static LedgerStream<ContractDocument> Stream(Guid contractId, MunicipalityCode municipality) =>
        new(municipality, ContractEventTypes.StreamOf(contractId), $"Contract {contractId}") { DecidesOn = ContractReports.None };

    /// <summary>The stream decided on with the reports <paramref name="needs"/> names (issue 23).</summary>
    /// <param name="existing">The report the command is on, if it names one that is there already (<see cref="ContractReports.Needing"/>).</param>
    public static LedgerStream<ContractDocument> Needing(this LedgerStream<ContractDocument> stream, Domain.Fulfilments.ReportNeeds needs,
        Guid? existing = null) =>
        stream with { DecidesOn = ContractReports.Needing(needs, existing) };

    public static bool Visible(Caller caller, ContractState contract) =>
        caller.MaySee(contract.Municipality, contract.Contractor!.KvkNumber) || ContractParticipants.Reads(caller, contract);

    /// <summary>404 when the contract is not there for the caller (absent, or another contractor's); else null.</summary>
    public static ProblemHttpResult? Missing(ContractDocument? document, Caller caller, Guid contractId) =>
        document is null || !Visible(caller, document.State) ? Problems.NotFound($"Contract {contractId}") : null;

    /// <summary>
    /// 404 when the contract has no report <paramref name="reportId"/>; else null. <paramref name="contract"/> holds the
    /// command's slice (<see cref="ContractReports"/>), which has the report the command names whenever the contract has it.
    /// </summary>
    public static ProblemHttpResult? MissingReport(ContractState contract, Guid reportId) =>
        contract.Fulfilments.ContainsKey(reportId) ? null : Problems.NotFound($"Report {reportId} of contract {contract.Id}");

    /// <summary>
    /// The decision of <paramref name="decided"/> on <paramref name="before"/> (at <paramref name="version"/>): its answer
    /// made from the contract after it and the stream's new version, its notifications and, when it moves the deadlines,
    /// the contract's next deadline check.
    /// </summary>
    public static Decision<TAnswer> Decide<TAnswer>(ContractState before, long version, IReadOnlyList<IContractEvent> decided,
        ContractMoment moment, Func<ContractState, long, TAnswer> answer)
    {
        var after = decided.Aggregate(before, ContractDecider.Evolve);
        var change = new Notifications.ContractChange(before, after);
        return new Decision<TAnswer>([.. decided], answer(after, version + decided.Count))
        {
            Notifications = Notifications.ContractSignals.Of(change, decided, moment.Now, moment.Today, moment.TableInForce),
            FollowUps = [
                .. change.MovesDeadlines
                    ? [new Notifications.ContractDeadlineCheck(after.Municipality.Value, after.Id,
                        Notifications.ContractDeadlineCheck.GenerationOf(after, change.BalanceAfter), ScheduledOn: null)]
                    : Array.Empty<object>(),
                .. moment.PsoInPolicy && PsoCause(decided) is { } cause
                    ? [Pso.ReapplyPso.ForContract(after.Municipality, after.Id, cause)]
                    : Array.Empty<object>(),
            ],
            DatabaseRefusal = Refusal,
        };
    }

    /// <summary>The answer of most contract commands: the contract as it is now.</summary>
    public static Written<ContractResponse> Contract(ContractState after, long version) => Answers.Changed(ContractView.From(after, version));

    /// <summary>
    /// Why the contract's PSO terms are to be decided (Pso/PsoReapplication): a new contract (its contractor may hold a
    /// certificate already) or a social purchase (its supplier may), else null.
    /// </summary>
    private static string? PsoCause(IReadOnlyList<IContractEvent> decided) =>
        decided.Any(e => e is ContractRegistered) ? "contract registered"
        : decided.OfType<Domain.Fulfilments.FulfilmentReported>().FirstOrDefault(r => r.Report is Domain.Fulfilments.FulfilmentReport.SocialProcurement) is { } purchase
            ? $"social purchase {purchase.FulfilmentId} reported"
        : null;

    private static ProblemHttpResult? Refusal(Npgsql.PostgresException e) =>
        ContractStorage.IsDuplicateReference(e) ? Problems.BadRequest("reference", "This reference is already used in the municipality.")
        : InvoiceClaims.IsInvoiceAlreadyClaimed(e) ? Problems.Conflict(
            "This invoice of this supplier is already counted in a report that still counts; an invoice counts once.", "invoiceNumber")
        : null;
}

/// <summary>
/// When a contract command is decided: the instant its notifications carry, the business day, and — for a command that
/// announces the obligation (a registration, an amendment) — the building-block table in force, which the announcement
/// names. Read before deciding, since the decision itself is synchronous.
/// </summary>
public sealed record ContractMoment(Instant Now, LocalDate Today, BuildingBlockTable? TableInForce)
{
    /// <summary>
    /// Whether a version of the municipality's policy gives PSO an effect, read for a command that may bring a contract new
    /// PSO terms (a registration, a social purchase): only then is the contract's PSO looked at again after it, so a
    /// municipality without PSO pays no message per report. Read when <c>watchesPsoOf</c> names the contract's municipality.
    /// </summary>
    public bool PsoInPolicy { get; init; }

    public static async Task<ContractMoment> OfAsync(IClock clock, Marten.IDocumentStore store, Caller caller, bool announcesObligation,
        CancellationToken ct, MunicipalityCode? watchesPsoOf = null)
    {
        var now = clock.GetCurrentInstant();
        var today = BusinessCalendar.DateOf(now);
        var table = announcesObligation
            ? await BuildingBlocks.BuildingBlockTables.InForceAsync(store, caller.Municipality!.Value, today, ct)
            : null;
        var pso = watchesPsoOf is { } municipality
            && (await Policies.SroiPolicies.HistoryAsync(store, municipality, ct)).Versions.Any(v => v.Pso is not null);
        return new ContractMoment(now, today, table) { PsoInPolicy = pso };
    }
}
