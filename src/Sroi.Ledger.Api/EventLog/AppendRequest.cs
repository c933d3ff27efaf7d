using Npgsql;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Events for one stream of one municipality (Marten's tenant), appended at <paramref name="ExpectedVersion"/>
/// (0: the stream must be new), and the read-model statements that commit with them in the same transaction
/// (inline projections, the idempotency record). If anything fails, nothing is written.
/// </summary>
public sealed record AppendRequest(
    MunicipalityCode Tenant,
    StreamId StreamId,
    long ExpectedVersion,
    IReadOnlyList<object> Events,
    EventMetadata Metadata)
{
    /// <summary>Run in order, in the batch after the events' own statements; all in one transaction.</summary>
    public IReadOnlyList<NpgsqlBatchCommand> SameTransaction { get; init; } = [];
}
