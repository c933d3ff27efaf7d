using System.Diagnostics;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>
/// The rehearsal's nginx (<see cref="NginxFront"/>) runs what ops/nginx.conf tells an operator to run: the same server
/// directives and the same passive checks, and nginx itself accepts the config the test writes.
/// </summary>
public sealed class NginxConfigTests
{
    private static readonly string Written = NginxFront.Config(5081, [8080, 8082], "/tmp/sroi-nginx-config-test", down: []);

    [Fact]
    public void The_rehearsal_runs_the_server_directives_and_passive_checks_of_ops_nginx_conf()
    {
        var shipped = File.ReadAllText(Path.Combine(Checkout.Root(), "ops", "nginx.conf"));
        AfterListen(shipped).Should().Contain("proxy_next_upstream error timeout;").And.Contain("client_max_body_size 0;");
        AfterListen(Written).Should().Equal(AfterListen(shipped));
        UpstreamChecks(Written).Should().Equal(" max_fails=1 fail_timeout=2s;", " max_fails=1 fail_timeout=2s;");
        UpstreamChecks(shipped).Should().Equal(" max_fails=1 fail_timeout=2s;", " max_fails=1 fail_timeout=2s;");
    }

    [Fact]
    public async Task Nginx_accepts_the_config_the_rehearsal_writes()
    {
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var folder = Directory.CreateTempSubdirectory("sroi-nginx-config-test-").FullName;
        try
        {
            var file = Path.Combine(folder, "nginx.conf");
            await File.WriteAllTextAsync(file, NginxFront.Config(5081, [8080, 8082], folder, down: []));
            var start = new ProcessStartInfo(nginx)
            {
                ArgumentList = { "-t", "-p", folder, "-c", file, "-e", "stderr", "-g", $"pid {folder}/nginx.pid; error_log stderr notice;" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var check = Process.Start(start)!;
            var said = await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            check.ExitCode.Should().Be(0, said);
            said.Should().Contain("test is successful");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The server block's directives after its listen line, without comments or indentation.</summary>
    private static IReadOnlyList<string> AfterListen(string config) =>
        Lines(config).SkipWhile(line => !line.StartsWith("listen ", StringComparison.Ordinal)).Skip(1).ToList();

    /// <summary>What follows each upstream server's address.</summary>
    private static IReadOnlyList<string> UpstreamChecks(string config) =>
        Lines(config).Where(line => line.StartsWith("server ", StringComparison.Ordinal) && !line.EndsWith('{'))
            .Select(line => line[line.IndexOf(' ', "server ".Length)..]).ToList();

    private static IEnumerable<string> Lines(string config) =>
        config.Split('\n').Select(line => (line.Contains('#') ? line[..line.IndexOf('#')] : line).Trim()).Where(line => line.Length > 0);
}
