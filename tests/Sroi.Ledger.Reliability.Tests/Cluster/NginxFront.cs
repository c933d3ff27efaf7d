using System.Diagnostics;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>
/// Debian's nginx (nginx-light, ops/ensure-nginx) as the load balancer in front of the nodes, configured as ops/nginx.conf:
/// round robin over the nodes, a node that refused a connection left out for 2 s (passive checks: nginx has no active
/// health check), a request whose connection failed sent to the next node — nginx buffers the body, so a POST that never
/// reached a node is resent whole (what Debian's Caddy 2.6.2 cannot do, Caddy #5454) — and when no node answered, the
/// API's own retryable 503 (problem+json, Retry-After) instead of nginx's 502. A request a node had already received is
/// never sent again (no <c>non_idempotent</c>): the client resends it with its Idempotency-Key. Runs as the current user
/// with everything in a temp folder, loopback only, stopped with the test.
/// </summary>
public sealed class NginxFront : ProxyProcess
{
    private readonly string file;
    private readonly IReadOnlyList<int> nodes;
    private readonly HashSet<int> down = [];

    private NginxFront(ProcessStartInfo start, string folder, int port, string file, IReadOnlyList<int> nodes) : base("nginx", start, folder, port) =>
        (this.file, this.nodes) = (file, nodes);

    /// <summary>
    /// How long nginx leaves out a node whose port refused a connection (<c>fail_timeout</c>, as in ops/nginx.conf). It has
    /// no health check: a node that is ready again is only taken back once this has passed since its last refusal.
    /// </summary>
    public static readonly TimeSpan FailTimeout = TimeSpan.FromSeconds(2);

    public static async Task<NginxFront> StartAsync(IReadOnlyList<int> nodes)
    {
        // /usr/sbin is not on a user's PATH on Debian.
        var nginx = FindOnPath("nginx") ?? (File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : throw new InvalidOperationException(
            "No nginx on PATH: the rolling-upgrade rehearsal runs the nodes behind Debian's nginx. Install it: sudo apt-get install nginx-light (.ci/run does, ops/ensure-nginx)."));
        var port = LocalPostgresCluster.FreePort();
        var folder = Directory.CreateTempSubdirectory("sroi-nginx-").FullName;
        var file = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(file, Config(port, nodes, folder, down: []));
        var start = new ProcessStartInfo(nginx)
        {
            // -e: the log before the config is read (Debian's default is stderr already; said, not assumed).
            ArgumentList = { "-p", folder, "-c", file, "-e", "stderr", "-g", $"daemon off; pid {folder}/nginx.pid; error_log stderr notice;" },
        };
        return await ReadyAsync(new NginxFront(start, folder, port, file, nodes));
    }

    /// <summary>
    /// Takes <paramref name="node"/> out of the upstream (<c>down</c>) or puts it back, and reloads nginx (SIGHUP, what
    /// <c>nginx -s reload</c> sends): the way to stop a node behind nginx, which has no health check to see a draining node.
    /// Stopped without it, a node's closing listener resets the connections nginx had just opened and sent a request on
    /// (in the kernel's backlog, not yet accepted), and nginx does not resend a POST it has sent: a 503 to the client.
    /// The old workers finish what they hold; the new ones start with the new upstream and no failures counted.
    /// </summary>
    public async Task SetDownAsync(int node, bool isDown)
    {
        if (isDown) down.Add(node); else down.Remove(node);
        await File.WriteAllTextAsync(file, Config(Port, nodes, Path.GetDirectoryName(file)!, down));
        using (var kill = Process.Start("kill", ["-HUP", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        // The new workers take over within milliseconds; a moment more so that no new request goes to the old upstream.
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    /// <summary>The directives of ops/nginx.conf, on loopback, with the temp files in <paramref name="folder"/>.</summary>
    public static string Config(int port, IReadOnlyList<int> nodes, string folder, IReadOnlyCollection<int> down) => $$"""
        {{(Environment.UserName == "root" ? "user root; # as root the workers would run as nobody, who cannot enter the 0700 temp folder" : "")}}
        worker_processes 1;
        events { worker_connections 1024; }
        http {
            access_log off;
            # Debian's compiled-in temp folders (/var/lib/nginx) are root's.
            client_body_temp_path {{folder}}/body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            upstream sroi_ledger {
        {{string.Join('\n', nodes.Select(n => $"        server 127.0.0.1:{n} max_fails=1 fail_timeout={FailTimeout.TotalSeconds:0}s{(down.Contains(n) ? " down" : "")};"))}}
            }
            server {
                listen 127.0.0.1:{{port}};
                client_max_body_size 0;
                location / {
                    proxy_pass http://sroi_ledger;
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_next_upstream error timeout;
                    proxy_connect_timeout 2s;
                }
                error_page 502 504 =503 @no_node;
                location @no_node {
                    default_type application/problem+json;
                    add_header Retry-After 1 always;
                    return 503 '{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"No node of the ledger answered; send the same request again with the same Idempotency-Key."}';
                }
            }
        }
        """;
}
