extern alias api;

using api::Sroi.Ledger.Api.EventLog;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks;

/// <summary>
/// What every append of the benchmark writes: one real ledger event, a contract's amendment
/// (<c>contract.amended.v1</c>, about 260 bytes of JSON: the shape the retired store's benchmark wrote as text), by
/// one actor with a correlation id, in Rijswijk (GM0603), with one small projection statement in the same
/// transaction. A real event type rather than a benchmark-only one: it is registered by the service's own
/// <c>LedgerEventTypes</c>, so Marten runs on exactly the service's configuration (<c>LedgerStoreOptions</c>).
/// </summary>
internal static class BenchEvent
{
    public static readonly MunicipalityCode Tenant = MunicipalityCode.Rijswijk;

    public static readonly EventMetadata Metadata = new("inkoop:0192f1c4-7a1e-7cbe-9a61-0d3c8a0b2f11", "0HN8Q3K9S2T1:00000001");

    private static readonly LocalDate EffectiveOn = new(2024, 9, 1);

    /// <summary>The amendment that takes a stream to <paramref name="version"/>.</summary>
    public static ContractAmended At(long version) => new(
        PreviousValue: new Money((200_000 + version - 1) * 100),
        NewValue: new Money((200_000 + version) * 100),
        EffectiveOn: EffectiveOn,
        Reason: $"Meerwerk riolering fase {version}",
        Obligation: new Obligation(true, 5m, new Money(1_300_000), "GM0603-v2", "Contract value at or above the threshold"));

    /// <summary>
    /// The ledger's append: <paramref name="version"/> is the version the stream is at (0: new), Marten checks it
    /// (Quick append), the chain trigger hashes the event, the projection statement runs in the same transaction.
    /// </summary>
    public static AppendRequest Append(string stream, long version)
    {
        var amended = At(version + 1);
        return new AppendRequest(Tenant, new StreamId(stream), version, [amended], Metadata)
        {
            SameTransaction = [Projection(stream, version + 1, amended)],
        };
    }

    public const string ProjectionSchema = """
        CREATE TABLE IF NOT EXISTS bench_projection (
            tenant_id      text   NOT NULL,
            stream_id      text   NOT NULL,
            version        bigint NOT NULL,
            contract_value bigint NOT NULL,
            effective_on   date   NOT NULL,
            PRIMARY KEY (tenant_id, stream_id));
        """;

    /// <summary>A read-model row per stream, as a contract's projection keeps one: both sides write it.</summary>
    public static NpgsqlBatchCommand Projection(string stream, long version, ContractAmended amended)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO bench_projection (tenant_id, stream_id, version, contract_value, effective_on) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tenant_id, stream_id) DO UPDATE
            SET version = excluded.version, contract_value = excluded.contract_value, effective_on = excluded.effective_on
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Tenant.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = amended.NewValue.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = amended.EffectiveOn.ToDateOnly() });
        return command;
    }
}
