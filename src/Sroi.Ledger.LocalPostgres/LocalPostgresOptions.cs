namespace Sroi.Ledger.LocalPostgres;

/// <summary>Where and how to run a local PostgreSQL cluster.</summary>
/// <param name="DataDirectory">The cluster's data directory; created and initialised (initdb) when needed.</param>
/// <param name="Port">The TCP port on 127.0.0.1.</param>
public sealed record LocalPostgresOptions(string DataDirectory, int Port)
{
    /// <summary>
    /// False trades crash safety for speed (fsync, synchronous_commit and full_page_writes off): for tests only.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Delete the data directory (and its log and socket directory) when the cluster is stopped.</summary>
    public bool DeleteDataOnStop { get; init; }

    /// <summary>The server's max_connections; null keeps PostgreSQL's default (100).</summary>
    public int? MaxConnections { get; init; }
}
