using Npgsql;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>What the cluster tests share: the nodes' settings, and Wolverine's own view of the cluster (its node table).</summary>
public static class ClusterNodes
{
    /// <summary>
    /// Production settings (ServiceProcess) and so Balanced durability, said explicitly; a node missing its heartbeats
    /// for 6 s is taken for dead (Wolverine's default is far longer), so a killed node's work moves within a test's patience.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["SROI_DURABILITY"] = "balanced",
        ["SROI_NODE_STALE_SECONDS"] = "6",
    };

    /// <summary>Three nodes starting together prepare the database one after another, on two cores shared with the rest.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    /// <summary>The node numbers in wolverine_nodes once it holds <paramref name="count"/> nodes.</summary>
    public static async Task<IReadOnlyList<int>> WaitForNodesAsync(ServiceLogin login, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var nodes = await NodeNumbersAsync(login);
            if (nodes.Count == count) return nodes;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"wolverine_nodes held nodes {string.Join(", ", nodes)} and not {count} within {timeout}.");
            await Task.Delay(200);
        }
    }

    public static async Task<IReadOnlyList<int>> NodeNumbersAsync(ServiceLogin login)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(login.Owner) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT node_number FROM wolverine.wolverine_nodes ORDER BY node_number", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var numbers = new List<int>();
        while (await reader.ReadAsync()) numbers.Add(reader.GetInt32(0));
        return numbers;
    }
}
