using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Balance;
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

    /// <summary>The body and Location of the answer; the contract itself when not set.</summary>
    public Func<ContractResponse, ContractState, ContractAnswer>? Answer { get; init; }
}

public sealed record ContractAnswer(string Body, string? Location);

/// <summary>
/// Contract commands on the shared write path: a contract the caller may not see is 404; the decided events
/// commit with the contract's read row (view and balance) and the rows of the reports they touch; a duplicate
/// reference is a 400 and an invoice already counted a 409.
/// </summary>
public sealed class ContractWriter(LedgerWriter writer, ContractReader reader)
{
    public Task<IResult> ExecuteAsync(HttpContext http, ContractCommand command, CancellationToken ct)
    {
        var caller = Caller.From(http);
        // Every role that writes to contracts is bound to one municipality: its contracts are that tenant's streams.
        var municipality = caller.Municipality ?? throw new InvalidOperationException("Contract commands are for keys bound to a municipality.");
        var write = new StreamWrite($"Contract {command.ContractId}", municipality, ContractEventTypes.StreamOf(command.ContractId),
            command.Fingerprint, LoadAsync)
        {
            Reason = command.Reason,
            RetryOnConflict = command.RetryOnConflict,
            DatabaseRefusal = Refusal,
        };
        return writer.ExecuteAsync(http, write, ct);

        async Task<Loaded> LoadAsync(CancellationToken token)
        {
            IReadOnlyList<IContractEvent> history = [];
            long version = 0;
            ContractResponse? viewBefore = null;
            if (!command.RegistersNewContract)
            {
                (history, version) = await reader.LoadAsync(municipality, command.ContractId, token);
                viewBefore = history.Count == 0 ? null : ContractView.From(history, version);
                if (viewBefore is null || !Visible(caller, viewBefore))
                    return new Loaded.Refused(Problems.NotFound($"Contract {command.ContractId}"));
            }
            var state = ContractDecider.Fold(history);
            if (command.FulfilmentId is { } reportId && !state.Fulfilments.ContainsKey(reportId))
                return new Loaded.Refused(Problems.NotFound($"Report {reportId} of contract {command.ContractId}"));
            return new Loaded.Stream(version, () => Decide(viewBefore, state, version));
        }

        Decision Decide(ContractResponse? viewBefore, ContractState before, long version)
        {
            var decided = command.Decide(before);
            var after = decided.Aggregate(before, ContractDecider.Evolve);
            var view = ContractView.Then(viewBefore, decided, version + decided.Count);
            var answer = command.Answer?.Invoke(view, after) ?? new ContractAnswer(ContractProjection.Document(view),
                command.RegistersNewContract ? $"/api/v1/contracts/{view.Id}" : null);
            return new Decision(
                [.. decided],
                [ContractProjection.Upsert(view, ContractBalance.Of(after)), .. FulfilmentProjection.For(view.Id, decided, after)],
                command.SuccessStatus, answer.Location, answer.Body);
        }
    }

    public static bool Visible(Caller caller, ContractResponse contract) => caller.MaySee(contract.Municipality, contract.Contractor.KvkNumber);

    private static IResult? Refusal(Npgsql.PostgresException e) =>
        ContractProjection.IsDuplicateReference(e) ? Problems.BadRequest("reference", "This reference is already used in the municipality.")
        : FulfilmentProjection.IsInvoiceAlreadyClaimed(e) ? Problems.Conflict(
            "This invoice of this supplier is already counted in a report that still counts; an invoice counts once.", "invoiceNumber")
        : null;
}
