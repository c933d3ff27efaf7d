using System.Diagnostics;
using System.Net;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Clients;

/// <summary>
/// The web pages (web/) call the API only through types generated from the service's own OpenAPI document
/// (web/src/api/ledger.d.ts, openapi-typescript). They are committed, so the pages build without a running service; this
/// generates them again from the document the service serves now, with the same openapi-typescript (web/'s locked
/// packages, installed by the Api build), and they must be equal. After changing the API: run this test with
/// <c>SROI_UPDATE_WEB_CLIENT=1</c> (it then writes the file) or <c>npm run generate-api</c> in web/ beside <c>ops/run</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebClientTests(LedgerApi api)
{
    public const string UpdateVariable = "SROI_UPDATE_WEB_CLIENT";

    [Fact]
    public async Task The_web_pages_committed_client_types_are_generated_from_the_services_document_now()
    {
        var document = await api.Client().GetAsync("/api/v1/openapi.json");
        document.StatusCode.Should().Be(HttpStatusCode.OK);
        var web = Path.Combine(Checkout.Root(), "web");
        var committed = Path.Combine(web, "src", "api", "ledger.d.ts");
        var folder = Directory.CreateTempSubdirectory("sroi-web-client-");
        try
        {
            var json = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(json, await document.Content.ReadAsStringAsync());
            var fresh = Path.Combine(folder.FullName, "ledger.d.ts");
            await GenerateAsync(web, json, fresh);

            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
                File.Copy(fresh, committed, overwrite: true);
            File.Exists(committed).Should().BeTrue($"{committed} is the committed client; run this test with {UpdateVariable}=1 to write it");
            (await File.ReadAllTextAsync(committed)).Should().Be(await File.ReadAllTextAsync(fresh),
                $"web/src/api/ledger.d.ts is stale: the service's OpenAPI document changed. Run this test with {UpdateVariable}=1 and commit the file");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task GenerateAsync(string web, string document, string output)
    {
        var cli = Path.Combine(web, "node_modules", ".bin", "openapi-typescript");
        File.Exists(cli).Should().BeTrue($"web/'s packages are installed by the Api build (npm ci in web/); {cli} is missing");
        var start = new ProcessStartInfo(cli, [document, "--output", output])
        {
            WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        process.ExitCode.Should().Be(0, $"openapi-typescript should generate the types:\n{await stdout}\n{await stderr}");
    }
}
