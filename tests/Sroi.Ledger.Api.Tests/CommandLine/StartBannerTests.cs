using System.Diagnostics;
using System.Text.RegularExpressions;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Api.Tests.CommandLine;

/// <summary>
/// The start banner of the built service, run as `ops/run` runs it: the addresses it is really bound to (here a port the
/// system chose, so no fixed 5080 could pass), the Swagger UI and the dashboard under them, and the development key.
/// </summary>
public partial class StartBannerTests
{
    [Fact]
    public async Task The_banner_names_the_bound_address_the_dashboard_and_the_development_key_after_start()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sroi-banner-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(Path.Combine(root, "pg"), LocalPostgresCluster.FreePort()) { Durable = false, DeleteDataOnStop = true });
        Process? service = null;
        try
        {
            await cluster.StopWhenProcessExitsAsync();
            await using (var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString()))
            {
                await connection.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE banner", connection);
                await create.ExecuteNonQueryAsync();
            }
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root,
            };
            start.ArgumentList.Add(ServiceBinary.Dll);
            start.Environment["SROI_DATABASE"] = cluster.ConnectionString("banner");
            start.Environment["SROI_LOCAL_DATA"] = root;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["SROI_CHECKPOINT_INTERVAL_MINUTES"] = "0";
            start.Environment.Remove("SROI_ADMIN_KEY");
            service = Process.Start(start)!;
            var lines = new List<string>();
            service.ErrorDataReceived += (_, _) => { };
            service.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await service.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Development admin key:", StringComparison.Ordinal)) break;
            }
            var banner = string.Join('\n', lines);

            var listening = Listening().Match(banner);
            listening.Success.Should().BeTrue(banner);
            var address = listening.Groups[1].Value;
            address.Should().NotEndWith(":0").And.NotEndWith(":5080");
            banner.Should().Contain($"Swagger UI: {address}/api/v1/docs").And.Contain($"Dashboard:  {address}/dashboard");
            banner.Should().Contain($"Development admin key: {(await File.ReadAllTextAsync(Path.Combine(root, "admin-key"))).Trim()}");
            using var client = new HttpClient();
            (await client.GetAsync($"{address}/health/live")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the banner names where it listens");
        }
        finally
        {
            if (service is { HasExited: false }) { service.Kill(entireProcessTree: true); await service.WaitForExitAsync(); }
            service?.Dispose();
            await cluster.StopAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
