using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Hosting;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Clients;

/// <summary>
/// A client generated from the service's own OpenAPI document, as a contractor's developer would make one: clients/typescript
/// (openapi-typescript for the types, openapi-fetch for the calls) is generated from the running service's document, type-checked
/// with <c>tsc --strict</c>, and run against the service: it filters a contractor's contracts by status and pages through
/// them. A document without the query parameters, or with every response field optional, does not compile.
/// </summary>
public class TypeScriptClientTests(KestrelLedgerApi api) : IClassFixture<KestrelLedgerApi>
{
    [Fact]
    public async Task A_generated_typescript_client_filters_contracts_by_status_and_pages_them()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var kvk = ContractBodies.UniqueKvk();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk)))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{ids[4]}/completion", new JsonObject { ["completedOn"] = "2025-03-31" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var key = inkoop.DefaultRequestHeaders.Authorization!.Parameter!;

        var output = await RunClientAsync(key, kvk, status: "active", pageSize: 2);

        var pages = output["pages"]!.AsArray();
        pages.Select(p => p!["page"]!.GetValue<int>()).Should().Equal(1, 2);
        pages.Select(p => p!["items"]!.GetValue<int>()).Should().Equal(2, 2);
        pages.Select(p => p!["total"]!.GetValue<long>()).Should().Equal(4, 4);
        var contracts = output["contracts"]!.AsArray();
        contracts.Select(c => c!["id"]!.GetValue<string>()).Should().BeEquivalentTo(ids.Take(4));
        contracts.Select(c => c!["status"]!.GetValue<string>()).Should().AllBe("active");
        contracts.Select(c => c!["kvkNumber"]!.GetValue<string>()).Should().AllBe(kvk);
        contracts.Select(c => c!["contractValue"]!.GetValue<decimal>()).Should().AllBeEquivalentTo(200_000m);
    }

    /// <summary>
    /// Copies clients/typescript to a scratch folder (the checkout stays clean), installs its locked packages, generates the
    /// types from the running service's document, compiles with the strict settings of its tsconfig.json and runs it; the
    /// last line it prints is its JSON answer.
    /// </summary>
    private async Task<JsonNode> RunClientAsync(string key, string kvk, string status, int pageSize)
    {
        var source = Path.Combine(Checkout.Root(), "clients", "typescript");
        var folder = Directory.CreateTempSubdirectory("sroi-ts-client-");
        try
        {
            foreach (var file in new[] { "package.json", "package-lock.json", "tsconfig.json" })
                File.Copy(Path.Combine(source, file), Path.Combine(folder.FullName, file));
            Directory.CreateDirectory(Path.Combine(folder.FullName, "src"));
            foreach (var file in Directory.GetFiles(Path.Combine(source, "src"), "*.ts").Where(f => !f.EndsWith(".d.ts", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(folder.FullName, "src", Path.GetFileName(file)));

            var baseUrl = new Uri(api.Address, "/api/v1").ToString();
            var script = "set -e\n" +
                "command -v npm >/dev/null || { echo 'npm is not installed (ops/ensure-node installs Node.js and npm)'; exit 3; }\n" +
                "npm ci --no-audit --no-fund --loglevel=error\n" +
                $"SROI_OPENAPI='{baseUrl}/openapi.json' npm run --silent generate\n" +
                "npm run --silent build\n" +
                $"node dist/list-contracts.js '{baseUrl}' \"$SROI_KEY\" '{kvk}' '{status}' '{pageSize}'\n";
            var start = new ProcessStartInfo("bash")
            {
                ArgumentList = { "-c", script }, WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true, RedirectStandardError = true,
                Environment = { ["SROI_KEY"] = key },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            process.ExitCode.Should().Be(0, $"the client should install, generate, type-check and run:\n{output}\n{await stderr}");
            return JsonNode.Parse(output.TrimEnd().Split('\n')[^1])!;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
