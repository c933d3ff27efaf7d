namespace Sroi.Ledger.Testing;

/// <summary>The checkout the tests run from: for tests that read its files (the README, the committed generated code).</summary>
public static class Checkout
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sroi.Ledger.sln")))
                return dir.FullName;
        throw new InvalidOperationException("The repository root (Sroi.Ledger.sln) is not above the test binaries.");
    }
}
