using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Idempotency;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.EventStore;

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
/// The write path of every contract command: replay an idempotent repeat, load the stream, check If-Match,
/// decide, then append the events with the read-model row and the idempotency record in one round trip.
/// </summary>
public sealed class ContractWriter(EventStore.EventStore store, NpgsqlDataSource db, ContractReader reader)
{
    public async Task<IResult> ExecuteAsync(HttpContext http, ContractCommand command, CancellationToken ct)
    {
        var caller = Caller.From(http);
        var (idempotent, problem) = IdempotencyKeys.From(http.Request, caller, command.Fingerprint);
        if (problem is not null) return problem;
        if (idempotent is not null && await IdempotencyKeys.ReplayAsync(db, idempotent, ct) is { } replay)
            return replay;

        var (ifMatch, badIfMatch) = ETags.IfMatch(http.Request);
        if (badIfMatch is not null) return badIfMatch;

        IReadOnlyList<IContractEvent> history = [];
        long version = 0;
        if (!command.RegistersNewContract)
        {
            (history, version) = await reader.LoadAsync(command.ContractId, ct);
            if (history.Count == 0 || !Visible(caller, ContractView.From(history, version)))
                return Problems.NotFound($"Contract {command.ContractId}");
            if (ifMatch is { } expected && expected != version)
                return Problems.PreconditionFailed(version);
        }

        IReadOnlyList<IContractEvent> decided;
        try { decided = command.Decide(ContractDecider.Fold(history)); }
        catch (RuleViolation violation) { return Problems.RuleViolated(violation); }

        var newVersion = version + decided.Count;
        var view = ContractView.From([.. history, .. decided], newVersion);
        var response = new StoredResponse(command.SuccessStatus,
            command.SuccessStatus == StatusCodes.Status201Created ? $"/api/v1/contracts/{view.Id}" : null,
            ETags.For(newVersion), ContractProjection.Document(view));

        var metadata = new EventMetadata(caller.Actor, CorrelationId(http), Header(http, "X-Causation-ID"), command.Reason, idempotent?.Key);
        var append = new AppendRequest(
            ContractEventTypes.StreamOf(command.ContractId), ContractEventTypes.StreamType,
            ExpectedVersion.Exactly(version),
            [.. decided.Select(e => new NewEvent(Guid.CreateVersion7(), ContractEventTypes.NameOf(e), ContractEventTypes.Serialize(e), metadata))])
        {
            // The idempotency record goes first: a concurrent repeat then fails on its key (and replays the
            // winner's response) before it can trip over the winner's reference in the read table.
            SameTransaction = idempotent is null
                ? [ContractProjection.Upsert(view)]
                : [IdempotencyKeys.Record(idempotent, response), ContractProjection.Upsert(view)],
        };

        try
        {
            await store.AppendAsync(append, ct);
        }
        catch (StreamConflictException conflict)
        {
            return ifMatch is null
                ? Problems.Conflict($"Contract {command.ContractId} was changed by someone else at the same time (now version {conflict.ActualVersion}); read it again and retry.")
                : Problems.PreconditionFailed(conflict.ActualVersion);
        }
        catch (PostgresException e) when (idempotent is not null && IdempotencyKeys.LostRace(e))
        {
            return await IdempotencyKeys.ReplayAsync(db, idempotent, ct)
                ?? Problems.Conflict("A request with this Idempotency-Key is being processed; retry.");
        }
        catch (PostgresException e) when (ContractProjection.IsDuplicateReference(e))
        {
            return Problems.BadRequest("reference", $"Reference '{view.Reference}' is already used in {view.Municipality}.");
        }

        return response.ToResult();
    }

    public static bool Visible(Caller caller, ContractResponse contract) => caller.MaySee(contract.Municipality, contract.Contractor.KvkNumber);

    private static string CorrelationId(HttpContext http) => Header(http, "X-Correlation-ID") ?? http.TraceIdentifier;

    private static string? Header(HttpContext http, string name) =>
        http.Request.Headers[name].ToString() is { Length: > 0 and <= 200 } value ? value : null;
}
