using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// Subscription secrets at rest: encrypted with ASP.NET Core Data Protection, whose key ring lives in a directory outside
/// the database (<see cref="KeysSetting"/>), so a copy of the database — a backup, a read replica, a leaked dump — holds
/// no secret that signs a delivery. Each secret is bound to its subscription (a purpose per id): a ciphertext copied onto
/// another row does not decrypt. A stored value without <see cref="Marker"/> is a first-release plain-text secret not yet
/// encrypted by <see cref="PlainSecretEncryption"/>; it is still read as it is.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string KeysSetting = "SROI_DATA_PROTECTION_KEYS";

    /// <summary>What an encrypted value starts with: the scheme's version, should it ever change.</summary>
    public const string Marker = "dp1:";

    private readonly IDataProtector protector = provider.CreateProtector("Sroi.Ledger.Webhooks.SubscriptionSecret.v1");

    public string Protect(Guid subscription, string secret) => Marker + protector.CreateProtector(subscription.ToString()).Protect(secret);

    public static bool IsProtected(string stored) => stored.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>The secret, or null when it cannot be decrypted (the key ring was lost or replaced: rotate the secret).</summary>
    public string? Reveal(Guid subscription, string stored)
    {
        if (!IsProtected(stored)) return stored;
        try { return protector.CreateProtector(subscription.ToString()).Unprotect(stored[Marker.Length..]); }
        catch (CryptographicException) { return null; }
    }

    /// <summary><see cref="KeysSetting"/>, else <c>data-protection-keys</c> in the local data folder (SROI_LOCAL_DATA, default ./.local).</summary>
    public static string KeyDirectory(IConfiguration configuration)
    {
        if (configuration[KeysSetting] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var dataRoot = configuration["SROI_LOCAL_DATA"] is { Length: > 0 } root ? root : Path.Combine(Directory.GetCurrentDirectory(), ".local");
        return Path.GetFullPath(Path.Combine(dataRoot, "data-protection-keys"));
    }

    /// <summary>Data Protection with its key ring in <see cref="KeyDirectory"/>, a folder only the service's user may read.</summary>
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var directory = KeyDirectory(configuration);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().SetApplicationName("Sroi.Ledger").PersistKeysToFileSystem(new DirectoryInfo(directory));
        services.AddSingleton<WebhookSecrets>();
    }
}
