extern alias api;

using api::Sroi.Ledger.Api.EventLog;
using api::Sroi.Ledger.Api.Hosting;
using Marten;
using Npgsql;
using Sroi.Ledger.LocalPostgres;
using api::Sroi.Ledger.Api.Database;
using api::Sroi.Ledger.Api.Auditing.Checkpoints;
using api::Sroi.Ledger.Api.Auditing.CommitSignatures;

namespace Sroi.Ledger.Benchmarks;

/// <summary>
/// A durable local cluster (fsync on: PostgreSQL's defaults, so commits cost what they cost in production),
/// or SROI_BENCH_DATABASE. Prepared as the service prepares its database at start-up
/// (<see cref="LedgerDatabase.PrepareAsync"/>: Marten's schema, the hash chain trigger and the immutability
/// triggers, the read tables), plus the raw baseline's tables (<see cref="RawNpgslAppender.Schema"/>) and the
/// projection table both sides write (<see cref="BenchEvent.ProjectionSchema"/>).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private LocalPostgresCluster? cluster;
    private string keyFile = Path.Combine(Path.GetTempPath(), $"sroi-bench-checkpoint-key-{Guid.NewGuid():N}.pem");
    private bool keep;

    /// <summary>
    /// The checkpoint key the store signs every commit with (a file of this run's own), as the service's store always
    /// does: a ledger written without it does not verify (<c>commit.unsigned</c>).
    /// </summary>
    public CheckpointKey Key { get; private set; } = null!;

    /// <summary>The file <see cref="Key"/> is kept in, for a service host in this process to sign with the same key.</summary>
    public string KeyFile => keyFile;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Marten over <see cref="DataSource"/>, configured exactly as the service configures it: it signs every commit with <see cref="Key"/>.</summary>
    public DocumentStore Marten { get; private set; } = null!;

    /// <summary>The ledger's event log: what the service's write path calls.</summary>
    public LedgerEvents Events { get; private set; } = null!;

    public string Description { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    /// <summary>The database the ledger is in: <c>bench</c>, or <c>sroi_ledger</c> in a kept cluster of <c>--startup</c>.</summary>
    public string DatabaseName { get; private set; } = "bench";

    /// <summary>The server log of the harness's own cluster (null with SROI_BENCH_DATABASE): read by <c>--commands --trace</c>.</summary>
    public string? LogFile => cluster?.LogFile;

    /// <summary>The data directory of the harness's own cluster (null with SROI_BENCH_DATABASE): its postmaster.pid names the server's processes.</summary>
    public string? DataDirectory => cluster?.DataDirectory;

    /// <param name="durable">False at <c>--smoke</c> size only: fsync off, whose figures mean nothing anyway; a smoke run
    /// proves the harness runs, and commits are then not bound by the disk of a machine that many share.</param>
    /// <param name="keepDirectory">A data directory kept after the run (with the signing key beside it), and used again
    /// when it exists: a second run of a mode that seeds only an empty ledger measures the same ledger without seeding it again.</param>
    public static async Task<BenchDatabase> StartAsync(bool durable = true, string? keepDirectory = null)
    {
        var bench = new BenchDatabase();
        string connectionString;
        if (Environment.GetEnvironmentVariable("SROI_BENCH_DATABASE") is { Length: > 0 } configured)
        {
            connectionString = configured;
            bench.Description = "SROI_BENCH_DATABASE";
        }
        else
        {
            var directory = keepDirectory is null ? Path.Combine(Path.GetTempPath(), "sroi-bench-pg-" + Guid.NewGuid().ToString("N")[..8]) : Path.GetFullPath(keepDirectory);
            if (keepDirectory is not null) (bench.keyFile, bench.keep) = (directory + ".key.pem", true);
            bench.cluster = await LocalPostgresCluster.StartAsync(
                new LocalPostgresOptions(directory, LocalPostgresCluster.FreePort()) { Durable = durable, DeleteDataOnStop = keepDirectory is null });
            var database = "bench";
            await using (var admin = new NpgsqlConnection(bench.cluster.ConnectionString()))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand(
                    $"SELECT count(*) FILTER (WHERE datname = 'bench'), count(*) FILTER (WHERE datname = '{LocalLedgerDatabase.DatabaseName}') FROM pg_database", admin);
                await using (var reader = await exists.ExecuteReaderAsync())
                {
                    await reader.ReadAsync();
                    // A kept cluster of --startup (the service's own set-up) holds its ledger in sroi_ledger: that ledger is measured.
                    if (reader.GetInt64(0) == 0 && reader.GetInt64(1) > 0 && keepDirectory is not null) database = LocalLedgerDatabase.DatabaseName;
                }
                if (database == "bench")
                {
                    await using var create = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = 'bench'", admin);
                    if ((long)(await create.ExecuteScalarAsync())! == 0)
                    {
                        await using var make = new NpgsqlCommand("CREATE DATABASE bench", admin);
                        await make.ExecuteNonQueryAsync();
                    }
                }
            }
            connectionString = bench.cluster.ConnectionString(database);
            bench.DatabaseName = database;
            bench.Description = (durable ? "local durable cluster" : "local cluster, not durable (smoke size)") + $", database {database}";
        }

        // Both sides of the comparison run on the same pool, configured as the service configures it.
        // The key of a violated constraint in the error (the data is the harness's own): which stream a rebuild could not refold.
        connectionString += ";Include Error Detail=true";
        bench.ConnectionString = connectionString;
        bench.DataSource = LedgerDataSource.Create(connectionString);
        bench.Key = CheckpointKey.ReadOrCreate(bench.keyFile);
        bench.Marten = LedgerStoreOptions.CreateStore(bench.DataSource, new CommitSigner(() => bench.Key));
        bench.Events = new LedgerEvents(bench.Marten, bench.DataSource);
        await LedgerDatabase.Existing(connectionString).PrepareAsync(bench.DataSource, bench.Events, CancellationToken.None);
        await using (var command = bench.DataSource.CreateCommand(RawNpgslAppender.Schema + BenchEvent.ProjectionSchema))
            await command.ExecuteNonQueryAsync();

        // Read back what the server really runs with, rather than trusting the options asked for.
        await using var settings = bench.DataSource.CreateCommand(
            "SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')");
        await using (var reader = await settings.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            bench.Description += $"; {reader.GetString(0).Split(" on ")[0]}; fsync={reader.GetString(1)}, " +
                $"synchronous_commit={reader.GetString(2)}, full_page_writes={reader.GetString(3)}";
        }
        return bench;
    }

    public async ValueTask DisposeAsync()
    {
        Marten.Dispose();
        await DataSource.DisposeAsync();
        if (cluster is not null) await cluster.DisposeAsync();
        Key.Dispose();
        if (!keep) File.Delete(keyFile);
    }
}
