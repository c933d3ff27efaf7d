using System.Text.Json;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>One command on a contract stream over HTTP: what the caller sends and how it should be answered.</summary>
public sealed record ContractCommand(
    Guid ContractId,
    bool RegistersNewContract,
    byte[] Fingerprint,
    string? Reason,
    Func<ContractState, IReadOnlyList<IContractEvent>> Decide,
    int SuccessStatus)
{
    /// <summary>The report the command is about: a contract without it answers 404.</summary>
    public Guid? FulfilmentId { get; init; }

    /// <summary>A command that holds whatever else happens to the contract (a new report) is retried when it loses a race.</summary>
    public bool RetryOnConflict { get; init; }

    /// <summary>
    /// An amendment: when the contract still owes social return, the WSP and the contractor are told the new obligation and
    /// the building-block table in force (as for a registration).
    /// </summary>
    public bool AnnouncesObligation { get; init; }

    /// <summary>The body and Location of the answer, from the contract after the command; the contract itself when not set.</summary>
    public Func<ContractState, ContractAnswer>? Answer { get; init; }
}

public sealed record ContractAnswer(string Body, string? Location);

/// <summary>
/// Contract commands on the shared write path: the writer fetches the contract's document for writing (Marten keeps it
/// inline, <see cref="ContractFold"/>); a contract the caller may not see is 404; the decided events commit with the
/// document Marten folds from them and the invoice claims (<see cref="InvoiceClaims"/>). A duplicate reference is a 400
/// and an invoice already counted a 409, both decided by the database inside the append's transaction.
/// </summary>
public sealed class ContractWriter(LedgerWriter writer, Marten.IDocumentStore store, NodaTime.IClock clock)
{
    public async Task<IResult> ExecuteAsync(HttpContext http, ContractCommand command, CancellationToken ct)
    {
        var caller = Caller.From(http);
        // Every role that writes to contracts is bound to one municipality: its contracts are that tenant's streams.
        var municipality = caller.Municipality ?? throw new InvalidOperationException("Contract commands are for keys bound to a municipality.");
        var now = clock.GetCurrentInstant();
        var today = BusinessCalendar.DateOf(now);
        // Read before deciding (the decision is synchronous): the table a registration's notification names.
        var tableInForce = command.RegistersNewContract || command.AnnouncesObligation
            ? await BuildingBlocks.BuildingBlockTables.InForceAsync(store, municipality, today, ct)
            : null;
        var write = new StreamWrite<ContractDocument>($"Contract {command.ContractId}", municipality,
            ContractEventTypes.StreamOf(command.ContractId), command.Fingerprint, Decide)
        {
            Reason = command.Reason,
            RetryOnConflict = command.RetryOnConflict,
            DatabaseRefusal = Refusal,
        };
        return await writer.ExecuteAsync(http, write, ct);

        Decided Decide(ContractDocument? document, long version)
        {
            // In the caller's tenant a contract of another municipality is not there (null); another contractor's is not visible.
            if (!command.RegistersNewContract && (document is null || !Visible(caller, document.State)))
                return new Decided.Refused(Problems.NotFound($"Contract {command.ContractId}"));
            var before = document?.State ?? ContractState.Initial;
            if (command.FulfilmentId is { } reportId && !before.Fulfilments.ContainsKey(reportId))
                return new Decided.Refused(Problems.NotFound($"Report {reportId} of contract {command.ContractId}"));

            var decided = command.Decide(before);
            var after = decided.Aggregate(before, ContractDecider.Evolve);
            var answer = command.Answer?.Invoke(after) ?? new ContractAnswer(
                JsonSerializer.Serialize(ContractView.From(after, version + decided.Count), LedgerJson.Options),
                command.RegistersNewContract ? $"/api/v1/contracts/{after.Id}" : null);
            var change = new Notifications.ContractChange(before, after);
            return new Decision([.. decided], command.SuccessStatus, answer.Location, answer.Body)
            {
                Notifications = Notifications.ContractSignals.Of(change, decided, now, today, tableInForce),
                FollowUps = change.MovesDeadlines
                    ? [new Notifications.ContractDeadlineCheck(after.Municipality.Value, after.Id,
                        Notifications.ContractDeadlineCheck.GenerationOf(after, change.BalanceAfter), ScheduledOn: null)]
                    : [],
            };
        }
    }

    public static bool Visible(Caller caller, ContractState contract) => caller.MaySee(contract.Municipality, contract.Contractor!.KvkNumber);

    private static IResult? Refusal(Npgsql.PostgresException e) =>
        ContractStorage.IsDuplicateReference(e) ? Problems.BadRequest("reference", "This reference is already used in the municipality.")
        : InvoiceClaims.IsInvoiceAlreadyClaimed(e) ? Problems.Conflict(
            "This invoice of this supplier is already counted in a report that still counts; an invoice counts once.", "invoiceNumber")
        : null;
}
