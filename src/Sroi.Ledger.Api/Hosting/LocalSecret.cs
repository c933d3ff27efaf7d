using System.Security.Cryptography;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>A random secret kept in a file only its owner may read (a local cluster's service password).</summary>
public static class LocalSecret
{
    public static async Task<string> ReadOrCreateAsync(string path, CancellationToken ct)
    {
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, ct)).Trim() is { Length: > 0 } existing)
            return existing;
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, secret + "\n", ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
