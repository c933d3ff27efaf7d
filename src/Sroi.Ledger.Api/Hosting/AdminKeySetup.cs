using System.Security.Cryptography;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// The admin key comes from SROI_ADMIN_KEY. In Development, when none is set, one is generated, kept in the
/// local data folder (so it survives restarts) and shown in the start banner (<see cref="StartBanner"/>), so a newcomer
/// can start issuing keys at once. Outside Development no admin key exists unless configured. A command of the command
/// line neither makes nor shows one (its output may be piped or kept: a key there is a leaked secret).
/// </summary>
public static class AdminKeySetup
{
    /// <summary>The key, and the development key to show in the banner (null when configured or none).</summary>
    public static (AdminKey Key, string? DevelopmentKey) Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger, bool forCommand)
    {
        if (configuration["SROI_ADMIN_KEY"] is { Length: > 0 } configured)
        {
            if (configured.Length < 16)
                throw new InvalidOperationException("SROI_ADMIN_KEY must be at least 16 characters.");
            return (new AdminKey(configured), null);
        }
        if (forCommand) return (new AdminKey(null), null);
        if (!environment.IsDevelopment())
        {
            logger.LogWarning("SROI_ADMIN_KEY is not set: no administrator key exists, so no API keys can be issued.");
            return (new AdminKey(null), null);
        }

        var dataRoot = configuration["SROI_LOCAL_DATA"] is { Length: > 0 } root ? root : Path.Combine(Directory.GetCurrentDirectory(), ".local");
        var file = Path.Combine(dataRoot, "admin-key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataRoot);
            File.WriteAllText(file, "sroi_admin_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        }
        // Only the user who runs the service may read the key (an older checkout wrote it readable by all).
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var key = File.ReadAllText(file).Trim();
        // The key itself only in the banner on the console, not in the log (which may be shipped elsewhere).
        logger.LogWarning("Development admin key generated or read from {File}; shown in the start banner", file);
        return (new AdminKey(key), key);
    }
}
