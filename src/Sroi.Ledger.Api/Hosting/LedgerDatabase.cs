using Npgsql;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// Where the ledger lives. With SROI_DATABASE set, that database. Without it, a local PostgreSQL that the
/// service starts itself from the installed binaries (data under SROI_LOCAL_DATA, default ./.local), so a
/// newcomer needs no configuration at all.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    public const string ConnectionStringSetting = "SROI_DATABASE";
    private const string LocalDatabaseName = "sroi_ledger";

    private LedgerDatabase(string connectionString, LocalPostgresCluster? localCluster)
    {
        ConnectionString = connectionString;
        LocalCluster = localCluster;
    }

    public string ConnectionString { get; }

    public LocalPostgresCluster? LocalCluster { get; }

    public static async Task<LedgerDatabase> ResolveAsync(IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        if (configuration[ConnectionStringSetting] is { Length: > 0 } configured)
            return new LedgerDatabase(configured, null);

        var dataRoot = configuration["SROI_LOCAL_DATA"] is { Length: > 0 } root ? root : Path.Combine(Directory.GetCurrentDirectory(), ".local");
        var port = int.TryParse(configuration["SROI_LOCAL_PG_PORT"], out var p) ? p : 5433;
        logger.LogInformation("SROI_DATABASE is not set: starting a local PostgreSQL in {DataRoot} on port {Port}", dataRoot, port);
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(Path.Combine(Path.GetFullPath(dataRoot), "postgres"), port), ct);
        await CreateDatabaseIfMissingAsync(cluster.ConnectionString(), LocalDatabaseName, ct);
        return new LedgerDatabase(cluster.ConnectionString(LocalDatabaseName), cluster);
    }

    /// <summary>
    /// Applies Marten's schema, then what the ledger adds to its event tables (the chain and the refusal of UPDATE
    /// and DELETE, re-applied on every start so no schema change of Marten's can leave them out), then the read
    /// tables' numbered scripts; records the shipped default policy and table once; and folds the contracts whose document
    /// is missing (recorded by an earlier release).
    /// </summary>
    public static async Task PrepareAsync(
        NpgsqlDataSource dataSource, Marten.IDocumentStore marten, LedgerEvents store, CancellationToken ct)
    {
        await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await SchemaMigrations.ApplyAlwaysAsync(dataSource, typeof(LedgerEvents).Assembly, "EventLog.event_chain.sql", ct);
        await SchemaMigrations.ApplyAsync(dataSource, "api", typeof(LedgerDatabase).Assembly, ct);
        await DefaultPolicySeeding.SeedAsync(store, ct);
        await BuildingBlocks.DefaultBuildingBlockSeeding.SeedAsync(store, ct);
        // Contracts recorded before Marten kept their document inline (the read tables of Schema/004–005, dropped by 024).
        await MissingDocuments.FoldAsync<Contracts.ContractDocument>(marten, dataSource, "contract-", Contracts.ContractStorage.Table, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (LocalCluster is not null)
            await LocalCluster.StopAsync();
    }

    private static async Task CreateDatabaseIfMissingAsync(string maintenanceConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            try { await create.ExecuteNonQueryAsync(ct); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { }
        }
    }
}
