using System.Security.Cryptography;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// The admin key comes from SROI_ADMIN_KEY. In Development, when none is set, one is generated, kept in the
/// local data folder (so it survives restarts) and printed, so a newcomer can start issuing keys at once.
/// Outside Development no admin key exists unless configured.
/// </summary>
public static class AdminKeySetup
{
    public static AdminKey Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        if (configuration["SROI_ADMIN_KEY"] is { Length: > 0 } configured)
        {
            if (configured.Length < 16)
                throw new InvalidOperationException("SROI_ADMIN_KEY must be at least 16 characters.");
            return new AdminKey(configured);
        }
        if (!environment.IsDevelopment())
        {
            logger.LogWarning("SROI_ADMIN_KEY is not set: no administrator key exists, so no API keys can be issued.");
            return new AdminKey(null);
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
        logger.LogWarning("Development admin key (from {File}): {AdminKey}", file, key);
        Console.WriteLine($"\n  Development admin key: {key}\n  Swagger UI: http://localhost:5080/api/v1/docs\n");
        return new AdminKey(key);
    }
}
