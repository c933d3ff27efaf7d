using System.Globalization;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>Locates the PostgreSQL server binaries (initdb, pg_ctl).</summary>
public static class PostgresBinaries
{
    /// <summary>Environment variable that names the bin directory explicitly.</summary>
    public const string BinDirectoryVariable = "SROI_PG_BIN";

    internal const string NotFoundMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL " +
        "(e.g. `apt-get install postgresql`) or set SROI_DATABASE / SROI_TEST_DATABASE to a connection string.";

    /// <summary>
    /// The bin directory: <c>SROI_PG_BIN</c> if set; else <c>pg_config --bindir</c> if it holds initdb;
    /// else the highest-version <c>/usr/lib/postgresql/*/bin</c> holding initdb.
    /// </summary>
    /// <exception cref="InvalidOperationException">No binaries were found.</exception>
    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!HasInitdb(configured))
            {
                throw new InvalidOperationException(
                    $"{BinDirectoryVariable}={configured} does not contain {Executable("initdb")}. " + NotFoundMessage);
            }

            return Path.GetFullPath(configured);
        }

        var fromPgConfig = FromPgConfig();
        if (fromPgConfig is not null && HasInitdb(fromPgConfig))
        {
            return fromPgConfig;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
                .Where(candidate => HasInitdb(candidate.Dir))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Dir)
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        throw new InvalidOperationException(NotFoundMessage);
    }

    internal static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static bool HasInitdb(string dir) => File.Exists(Path.Combine(dir, Executable("initdb")));

    private static string? FromPgConfig()
    {
        try
        {
            var result = ProcessRunner
                .RunAsync(Executable("pg_config"), ["--bindir"], TimeSpan.FromSeconds(10))
                .GetAwaiter().GetResult();
            var dir = result.StdOut.Trim();
            return result.Succeeded && dir.Length > 0 ? dir : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return null; // pg_config is not installed
        }
    }

    private static Version ParseVersion(string name)
    {
        if (Version.TryParse(name, out var version))
        {
            return version;
        }

        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? new Version(major, 0)
            : new Version(0, 0);
    }
}
