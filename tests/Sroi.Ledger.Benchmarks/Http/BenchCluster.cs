using Sroi.Ledger.Reliability.Tests.Cluster;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// The service nodes the HTTP benchmark drives: the one it started (no proxy, <c>--nodes</c> absent), or that one and
/// N − 1 more on the same database behind Debian's Caddy (the reliability tests' <see cref="CaddyFront"/>, linked into this
/// harness: the directives of ops/Caddyfile). Their CPU time is summed; the first node's log is the one the cases read.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly CaddyFront? front;

    private BenchCluster(IReadOnlyList<ServiceProcess> nodes, CaddyFront? front, Uri address) => (Nodes, this.front, Address) = (nodes, front, address);

    public IReadOnlyList<ServiceProcess> Nodes { get; }

    /// <summary>Where the requests go: Caddy, or the one node.</summary>
    public Uri Address { get; }

    public static async Task<BenchCluster> StartAsync(ServiceProcess first, int nodes, string dll, IReadOnlyDictionary<string, string> environment,
        string adminKey, string work)
    {
        if (nodes <= 0) return new BenchCluster([first], null, first.BaseAddress);
        var all = new List<ServiceProcess> { first };
        // One after another: the first has applied the schema; each further start only checks it.
        for (var i = 1; i < nodes; i++)
        {
            var node = ServiceProcess.Start(dll, environment, Sroi.Ledger.LocalPostgres.LocalPostgresCluster.FreePort(),
                Path.Combine(work, $"service-{i + 1}.log"));
            all.Add(node);
            await node.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(120));
        }
        var front = await CaddyFront.StartAsync([.. all.Select(n => n.BaseAddress.Port)]);
        return new BenchCluster(all, front, new Uri($"http://127.0.0.1:{front.Port}/"));
    }

    public TimeSpan CpuTime() => Nodes.Aggregate(TimeSpan.Zero, (sum, node) => sum + node.CpuTime());

    /// <summary>Stops Caddy and the nodes this started (not the first: its owner stops it and reads its exit code).</summary>
    public async ValueTask DisposeAsync()
    {
        if (front is not null) await front.DisposeAsync();
        foreach (var node in Nodes.Skip(1)) await node.DisposeAsync();
    }
}
