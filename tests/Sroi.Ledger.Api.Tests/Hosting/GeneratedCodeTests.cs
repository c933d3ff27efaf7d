using Sroi.Ledger.Testing;
using System.Diagnostics;

namespace Sroi.Ledger.Api.Tests.Hosting;

/// <summary>
/// The service runs Wolverine's pre-generated endpoint code as committed (static mode), and static mode does not notice
/// stale code: a new endpoint would answer 404, a changed one would run its old code. So the code is generated again
/// here, from the built service, and must equal the committed copy; after changing an endpoint, run <c>ops/codegen</c>.
/// </summary>
public class GeneratedCodeTests
{
    [Fact]
    public async Task The_committed_generated_code_is_what_the_endpoints_generate_now()
    {
        var fresh = Directory.CreateTempSubdirectory("sroi-codegen-").FullName;
        try
        {
            var service = CommandLine.ServiceBinary.Folder;
            var start = new ProcessStartInfo("dotnet", [Path.Combine(service, "Sroi.Ledger.Api.dll"), "codegen", "write"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = service,
            };
            start.Environment["SROI_DATABASE"] = "Host=127.0.0.1;Port=1;Database=codegen";
            start.Environment["SROI_ADMIN_KEY"] = "codegen-only-not-a-real-key";
            start.Environment["SROI_CODEGEN_OUTPUT"] = fresh;
            using var codegen = Process.Start(start)!;
            var output = codegen.StandardOutput.ReadToEndAsync();
            var errors = codegen.StandardError.ReadToEndAsync();
            await codegen.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            codegen.ExitCode.Should().Be(0, $"codegen write failed:\n{await output}\n{await errors}");

            var committed = Path.Combine(Checkout.Root(), "src", "Sroi.Ledger.Api", "Internal", "Generated");
            Files(fresh).Should().BeEquivalentTo(Files(committed), "the generated files must be committed as ops/codegen writes them");
            foreach (var file in Files(fresh))
                (await File.ReadAllTextAsync(Path.Combine(fresh, file))).Should().Be(
                    await File.ReadAllTextAsync(Path.Combine(committed, file)), $"{file} is stale: run ops/codegen and commit the result");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    private static List<string> Files(string root) =>
        Directory.Exists(root)
            ? [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order()]
            : [];
}
