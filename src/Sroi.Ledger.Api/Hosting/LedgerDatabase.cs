using Npgsql;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Api.CommandLine;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// Where the ledger lives, and as whom. With SROI_DATABASE set, that database; SROI_DATABASE_OWNER, when set, is the
/// role that owns the schema and applies it at start-up, and SROI_DATABASE's role then only gets what
/// EventLog/service_role.sql grants (no UPDATE or DELETE of events, no ALTER). Without SROI_DATABASE, a local
/// PostgreSQL that the service starts itself from the installed binaries (data under SROI_LOCAL_DATA, default
/// ./.local), owned by its superuser, with the service running as the login role sroi_service — so a newcomer needs
/// no configuration at all and still gets the hardened set-up.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    public const string ConnectionStringSetting = "SROI_DATABASE";
    public const string OwnerConnectionStringSetting = "SROI_DATABASE_OWNER";
    private const string LocalDatabaseName = "sroi_ledger";
    private const string LocalServiceRole = "sroi_service";

    private LedgerDatabase(string connectionString, string? ownerConnectionString, LocalPostgresCluster? localCluster)
    {
        ConnectionString = connectionString;
        OwnerConnectionString = ownerConnectionString;
        LocalCluster = localCluster;
    }

    /// <summary>The service's own connection: reads, appends, read models.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema owner's connection, used at start-up only; null when the service's role owns the schema itself.</summary>
    public string? OwnerConnectionString { get; }

    public LocalPostgresCluster? LocalCluster { get; }

    /// <summary>A database that exists already (benchmarks, tools); <paramref name="owner"/> as SROI_DATABASE_OWNER.</summary>
    public static LedgerDatabase Existing(string connectionString, string? owner = null) => new(connectionString, owner, null);

    public static async Task<LedgerDatabase> ResolveAsync(IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        if (configuration[ConnectionStringSetting] is { Length: > 0 } configured)
            return new LedgerDatabase(configured, configuration[OwnerConnectionStringSetting] is { Length: > 0 } owner ? owner : null, null);

        var dataRoot = LocalDataRoot(configuration);
        var port = int.TryParse(configuration["SROI_LOCAL_PG_PORT"], out var p) ? p : 5433;
        logger.LogInformation("SROI_DATABASE is not set: starting a local PostgreSQL in {DataRoot} on port {Port}", dataRoot, port);
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(Path.Combine(dataRoot, "postgres"), port), ct);
        return await OnLocalClusterAsync(cluster.ConnectionString, dataRoot, cluster, ct);
    }

    /// <summary>
    /// For a command of the command line: the database configured, or else the local cluster that is running, joined on
    /// whatever port it listens on and left as it is (never started, stopped, restarted or moved: a service may be using
    /// it); which one is said on <paramref name="say"/> (stderr). None configured and none running is an error that says
    /// how to get one.
    /// </summary>
    public static async Task<LedgerDatabase> ForCommandAsync(IConfiguration configuration, TextWriter say, CancellationToken ct)
    {
        if (configuration[ConnectionStringSetting] is { Length: > 0 } configured)
        {
            var target = new NpgsqlConnectionStringBuilder(configured);
            await say.WriteLineAsync($"Using the database configured in {ConnectionStringSetting}: {target.Host}:{target.Port}/{target.Database}.");
            return new LedgerDatabase(configured, configuration[OwnerConnectionStringSetting] is { Length: > 0 } owner ? owner : null, null);
        }

        var dataRoot = LocalDataRoot(configuration);
        var dataDirectory = Path.Combine(dataRoot, "postgres");
        var running = RunningLocalPostgres.Find(dataDirectory) ?? throw new CommandLineException(
            $"{ConnectionStringSetting} is not set and no local PostgreSQL is running in {dataDirectory}. Start it with " +
            "ops/postgres-up (or run the service: ops/run), or set SROI_DATABASE; a command does not start a cluster itself.");
        await say.WriteLineAsync($"Using the local PostgreSQL running in {dataDirectory} (pid {running.ProcessId}, 127.0.0.1:{running.Port}); it is left running as it is.");
        return await OnLocalClusterAsync(running.ConnectionString, dataRoot, null, ct);
    }

    /// <summary>For <c>codegen</c>, which describes the endpoints and never connects: a connection string that only parses.</summary>
    public static LedgerDatabase Unused() => new("Host=127.0.0.1;Port=1;Database=unused", null, null);

    private static string LocalDataRoot(IConfiguration configuration) =>
        Path.GetFullPath(configuration["SROI_LOCAL_DATA"] is { Length: > 0 } root ? root : Path.Combine(Directory.GetCurrentDirectory(), ".local"));

    /// <summary>The ledger's database on a local cluster (created if missing) and the service's login role on it.</summary>
    private static async Task<LedgerDatabase> OnLocalClusterAsync(Func<string, string> superuser, string dataRoot, LocalPostgresCluster? owned, CancellationToken ct)
    {
        await CreateDatabaseIfMissingAsync(superuser("postgres"), LocalDatabaseName, ct);
        var ownerConnection = superuser(LocalDatabaseName);
        var password = await LocalSecret.ReadOrCreateAsync(Path.Combine(dataRoot, "service-password"), ct);
        await ServiceRole.EnsureLoginAsync(ownerConnection, LocalDatabaseName, LocalServiceRole, password, ct);
        var serviceConnection = new NpgsqlConnectionStringBuilder(ownerConnection) { Username = LocalServiceRole, Password = password }.ConnectionString;
        return new LedgerDatabase(serviceConnection, ownerConnection, owned);
    }

    /// <summary>
    /// As the schema's owner: applies Marten's schema, then what the ledger adds to its event tables (the chain and the
    /// refusal of UPDATE and DELETE, re-applied on every start so no schema change of Marten's can leave them out), then
    /// the read tables' numbered scripts, then grants the service's role its rights. Then, as the service, records the
    /// shipped default policy and table once.
    /// </summary>
    /// <param name="signingBaseline">Signs the heads recorded before commits were signed, once (Auditing/CommitSignatures/
    /// SigningBaseline), before the seeding appends its first signed commit.</param>
    public async Task PrepareAsync(NpgsqlDataSource dataSource, LedgerEvents store, CancellationToken ct, Func<CancellationToken, Task>? signingBaseline = null, bool seed = true)
    {
        await using (var owner = LedgerDataSource.Create(OwnerConnectionString ?? ConnectionString))
        {
            using var ownerStore = LedgerStoreOptions.CreateStore(owner);
            await ownerStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            await SchemaMigrations.ApplyAlwaysAsync(owner, typeof(LedgerEvents).Assembly, "EventLog.event_chain.sql", ct);
            await SchemaMigrations.ApplyAsync(owner, "api", typeof(LedgerDatabase).Assembly, ct);
            await Notifications.MessageStorage.ApplyAsync(owner, ct);
            if (ServiceRoleName is { } serviceRole)
                await ServiceRole.GrantAsync(owner, serviceRole, ct);

            // Streams recorded before their fold was kept inline (an earlier build) get their document now.
            foreach (var kind in StreamKinds.All)
                await kind.FoldMissingAsync(ownerStore, owner, ct);
        }
        if (signingBaseline is not null) await signingBaseline(ct);
        if (!seed) return;
        await DefaultPolicySeeding.SeedAsync(store, ct);
        await BuildingBlocks.DefaultBuildingBlockSeeding.SeedAsync(store, ct);
    }

    /// <summary>The service's role when another role owns the schema; null when it owns the schema itself.</summary>
    public string? ServiceRoleName
    {
        get
        {
            if (OwnerConnectionString is null) return null;
            var service = new NpgsqlConnectionStringBuilder(ConnectionString).Username;
            return service == new NpgsqlConnectionStringBuilder(OwnerConnectionString).Username ? null : service;
        }
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
