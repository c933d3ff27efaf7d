using Marten;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>Reads a contract's document (<see cref="ContractDocument"/>), as Marten keeps it or as it was known on a moment.</summary>
public sealed class ContractReader(IDocumentStore store, NpgsqlDataSource db)
{
    /// <summary>
    /// The document when the caller may see the contract; a contract of another municipality or contractor is "not found".
    /// A key bound to a municipality reads in that tenant; an admin's key names none, so the contract is looked up across
    /// tenants (its municipality is its tenant).
    /// </summary>
    public async Task<ContractDocument?> FindVisibleAsync(Guid contractId, Caller caller, CancellationToken ct)
    {
        var key = ContractEventTypes.StreamOf(contractId).Value;
        ContractDocument? document;
        if (caller.Municipality is { } municipality)
        {
            await using var session = store.QuerySession(municipality.Value);
            document = await session.LoadAsync<ContractDocument>(key, ct);
            // Not in its own tenant: a regional contract it takes part in lives in the lead's (issue 21).
            if (document is null && ContractParticipants.ReadsParticipations(caller))
            {
                await using var across = store.QuerySession();
                document = await across.Query<ContractDocument>().Where(d => d.AnyTenant() && d.Id == key).FirstOrDefaultAsync(ct);
            }
        }
        else
        {
            await using var session = store.QuerySession();
            document = await session.Query<ContractDocument>().Where(d => d.AnyTenant() && d.Id == key).FirstOrDefaultAsync(ct);
        }
        return document is not null && ContractWrites.Visible(caller, document.State) ? document : null;
    }

    /// <summary>
    /// The same, without the reports, for the answers that show none (the contract, its balance and settlement, its history's
    /// municipality): a contract's reports are most of its document, and are left in the table rather than read and parsed
    /// for nothing. One query whatever the key: with a municipality in its tenant or among its participants (then judged by
    /// <see cref="ContractWrites.Visible"/>: a participant's WSP or auditor only), for an admin across tenants.
    /// </summary>
    public async Task<ContractDocument?> FindVisibleWithoutReportsAsync(Guid contractId, Caller caller, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"SELECT data #- '{{state,fulfilments}}' FROM {ContractStorage.Table} WHERE id = $1 AND ($2::varchar IS NULL OR tenant_id = $2 OR participants @> jsonb_build_array($2::text)) LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ContractEventTypes.StreamOf(contractId).Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)caller.Municipality?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var document = store.Options.Serializer().FromJson<ContractDocument>(reader, 0);
        return ContractWrites.Visible(caller, document.State) ? document : null;
    }

    /// <summary>
    /// What a read of a contract that can change over time answers from: the document the caller may see, today's or, with
    /// <c>?asKnownOn=</c> (alias <c>knownOn</c>), as known on that instant (<see cref="KnownOnAsync"/>); else the problem to
    /// answer: a bad instant (400, before any lookup), a contract the caller may not see (404), one not yet recorded then (404).
    /// </summary>
    /// <param name="withReports">Whether the answer shows the contract's reports (its fulfilments): else they stay in the table.</param>
    public async Task<(ContractDocument? Document, Instant? AsKnownOn, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(
        Guid contractId, Caller caller, AsKnownOnQuery query, bool withReports, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var asKnownOn = query.Read(errors);
        if (errors.Any) return (null, null, Problems.BadRequest(errors));
        return await ReadAsync(contractId, caller, asKnownOn, withReports, ct);
    }

    /// <summary>The same, for an endpoint that takes the caller and the moment (<see cref="AsKnownOnQuery"/>) as parameters.</summary>
    public async Task<(ContractDocument? Document, Instant? AsKnownOn, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(
        Guid contractId, Caller caller, Instant? asKnownOn, bool withReports, CancellationToken ct)
    {
        var document = withReports ? await FindVisibleAsync(contractId, caller, ct) : await FindVisibleWithoutReportsAsync(contractId, caller, ct);
        if (document is null) return (null, null, Problems.NotFound($"Contract {contractId}"));
        if (asKnownOn is not { } moment) return (document, null, null);
        return await KnownOnAsync(document, moment, ct) is { } then
            ? (then, moment, null)
            : (null, null, Problems.NotFound($"Contract {contractId} as known on {moment}"));
    }

    /// <summary>
    /// The contract as the ledger knew it on <paramref name="moment"/>: the same fold (<see cref="ContractFold"/>) over the
    /// events recorded by then, in the contract's tenant; null when none was.
    /// </summary>
    public async Task<ContractDocument?> KnownOnAsync(ContractDocument current, Instant moment, CancellationToken ct)
    {
        await using var session = store.QuerySession(current.State.Municipality.Value);
        return await session.Events.AggregateStreamAsync<ContractDocument>(current.Id, timestamp: moment.ToDateTimeOffset(), token: ct);
    }
}
