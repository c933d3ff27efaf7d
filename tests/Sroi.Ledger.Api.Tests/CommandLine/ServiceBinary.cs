using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.CommandLine;

/// <summary>
/// The service as a separate process runs from its own build output (the same configuration and framework as these
/// tests), not from the copy beside the tests: that folder also holds the test-only development identity provider and its
/// EF Core, which the service's deps.json does not know, and an assembly scan at start would try to load them.
/// </summary>
public static class ServiceBinary
{
    public static string Folder { get; } = Find();

    public static string Dll => Path.Combine(Folder, "Sroi.Ledger.Api.dll");

    private static string Find()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var folder = Path.Combine(Checkout.Root(), "src", "Sroi.Ledger.Api", "bin", framework.Parent!.Name, framework.Name);
        if (!File.Exists(Path.Combine(folder, "Sroi.Ledger.Api.dll")))
            throw new InvalidOperationException($"The service is not built into {folder}; build the solution (ops/test does).");
        return folder;
    }
}
