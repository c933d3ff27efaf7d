using System.Security.Cryptography;
using Npgsql;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Reliability.Tests.Outages;

/// <summary>
/// A PostgreSQL server of this test alone, which it may stop and start: the one every other test shares
/// (Sroi.Ledger.Testing's TestPostgres) must stay up. From the local binaries (ops/ensure-postgres installs them on
/// CI); without them the test fails and says so, it never skips. Durable, unlike the shared test server: with
/// synchronous_commit off, an immediate stop loses commits that were already acknowledged, which is the very thing
/// the test looks for.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private OwnPostgres(LocalPostgresCluster cluster) => Cluster = cluster;

    public LocalPostgresCluster Cluster { get; }

    public static async Task<OwnPostgres> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "sroi-fault-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        LocalPostgresCluster cluster;
        try
        {
            cluster = await LocalPostgresCluster.StartAsync(
                new LocalPostgresOptions(root, LocalPostgresCluster.FreePort()) { DeleteDataOnStop = true, MaxConnections = 200 });
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                "The fault test stops and restarts a PostgreSQL server of its own and needs the server binaries for it " +
                "(initdb, pg_ctl: `ops/ensure-postgres`, or `apt-get install postgresql`, or SROI_PG_BIN). " +
                "It cannot use SROI_TEST_DATABASE or the shared test server: other tests run on those.\n" + e.Message, e);
        }
        // Stopped and deleted even when the test host is killed.
        await cluster.StopWhenProcessExitsAsync();
        return new OwnPostgres(cluster);
    }

    /// <summary>A fresh database on this server; its connection string as the superuser (the schema's owner).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return Cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Cluster.StopAsync();
    }
}
