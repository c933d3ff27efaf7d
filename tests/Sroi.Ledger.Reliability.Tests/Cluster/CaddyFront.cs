using System.Diagnostics;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>
/// Debian's Caddy (ops/ensure-caddy) as the load balancer in front of the nodes, configured as ops/Caddyfile is for
/// compose: the least busy of the nodes that answer /health/ready, a request that cannot reach a node tried on another,
/// and when none answers, the API's own retryable 503 (problem+json, Retry-After) instead of Caddy's bare 502, so a client
/// resends with the same Idempotency-Key. Loopback only, no admin endpoint, no certificates, nothing kept on disk.
/// </summary>
public sealed class CaddyFront : ProxyProcess
{
    private CaddyFront(ProcessStartInfo start, string folder, int port) : base("caddy", start, folder, port) { }

    public static async Task<CaddyFront> StartAsync(IReadOnlyList<int> nodes)
    {
        var caddy = FindOnPath("caddy") ?? throw new InvalidOperationException(
            "No caddy on PATH: the cluster test runs the nodes behind Debian's Caddy. Install it: sudo apt-get install caddy (.ci/run does, ops/ensure-caddy).");
        var port = LocalPostgresCluster.FreePort();
        var folder = Directory.CreateTempSubdirectory("sroi-caddy-").FullName;
        var file = Path.Combine(folder, "Caddyfile");
        await File.WriteAllTextAsync(file, Caddyfile(port, nodes));
        var start = new ProcessStartInfo(caddy)
        {
            ArgumentList = { "run", "--config", file, "--adapter", "caddyfile" },
            Environment = { ["XDG_DATA_HOME"] = folder, ["XDG_CONFIG_HOME"] = folder, ["HOME"] = folder },
        };
        return await ReadyAsync(new CaddyFront(start, folder, port));
    }

    /// <summary>The same directives as ops/Caddyfile, on loopback.</summary>
    public static string Caddyfile(int port, IReadOnlyList<int> nodes) => $$"""
        {
        	admin off
        	auto_https off
        	log errors {
        		level DEBUG
        		include http.log.error
        	}
        }
        http://127.0.0.1:{{port}} {
        	reverse_proxy {{string.Join(' ', nodes.Select(n => $"127.0.0.1:{n}"))}} {
        		lb_policy least_conn
        		lb_try_duration 10s
        		lb_try_interval 250ms
        		fail_duration 3s
        		health_uri /health/ready
        		health_interval 1s
        		health_timeout 2s
        	}
        	handle_errors {
        		header Retry-After 1
        		header Content-Type application/problem+json
        		respond `{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"No node of the ledger answered; send the same request again with the same Idempotency-Key."}` 503
        	}
        }
        """;
}
