using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>One contract command over HTTP: what the caller sends and how it should be answered.</summary>
public sealed record ContractCommand(
    Guid ContractId,
    bool RegistersNewContract,
    byte[] Fingerprint,
    string? Reason,
    Func<ContractState, IReadOnlyList<IContractEvent>> Decide,
    int SuccessStatus);

/// <summary>
/// Contract commands on the shared write path: a contract the caller may not see is 404, the decided
/// events come with the contract's read-model row, a duplicate reference is a 400.
/// </summary>
public sealed class ContractWriter(LedgerWriter writer, ContractReader reader)
{
    public Task<IResult> ExecuteAsync(HttpContext http, ContractCommand command, CancellationToken ct)
    {
        var caller = Caller.From(http);
        var write = new StreamWrite($"Contract {command.ContractId}", ContractEventTypes.StreamOf(command.ContractId),
            ContractEventTypes.StreamType, command.Fingerprint, LoadAsync)
        {
            Reason = command.Reason,
            DatabaseRefusal = e => ContractProjection.IsDuplicateReference(e)
                ? Problems.BadRequest("reference", "This reference is already used in the municipality.")
                : null,
        };
        return writer.ExecuteAsync(http, write, ct);

        async Task<Loaded> LoadAsync(CancellationToken token)
        {
            IReadOnlyList<IContractEvent> history = [];
            long version = 0;
            if (!command.RegistersNewContract)
            {
                (history, version) = await reader.LoadAsync(command.ContractId, token);
                if (history.Count == 0 || !Visible(caller, ContractView.From(history, version)))
                    return new Loaded.Refused(Problems.NotFound($"Contract {command.ContractId}"));
            }
            return new Loaded.Stream(version, () => Decide(history, version));
        }

        Decision Decide(IReadOnlyList<IContractEvent> history, long version)
        {
            var decided = command.Decide(ContractDecider.Fold(history));
            var view = ContractView.From([.. history, .. decided], version + decided.Count);
            return new Decision(
                [.. decided.Select(e => new DecidedEvent(ContractEventTypes.NameOf(e), ContractEventTypes.Serialize(e)))],
                [ContractProjection.Upsert(view)],
                command.SuccessStatus,
                command.SuccessStatus == StatusCodes.Status201Created ? $"/api/v1/contracts/{view.Id}" : null,
                ContractProjection.Document(view));
        }
    }

    public static bool Visible(Caller caller, ContractResponse contract) => caller.MaySee(contract.Municipality, contract.Contractor.KvkNumber);
}
