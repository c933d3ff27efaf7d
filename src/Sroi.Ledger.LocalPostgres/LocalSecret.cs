using System.Security.Cryptography;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>A random secret kept in a file only its owner may read (the local cluster's service password).</summary>
internal static class LocalSecret
{
    public static async Task<string> ReadOrCreateAsync(string path, CancellationToken ct)
    {
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim() is { Length: > 0 } existing)
            return existing;
        // 48 hex digits: nothing in it needs quoting in a connection string or SQL.
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await OwnerOnlyFile.WriteAsync(path, secret + "\n", ct).ConfigureAwait(false);
        return secret;
    }
}
