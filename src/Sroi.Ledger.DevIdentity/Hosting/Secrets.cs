using System.Security.Cryptography;

namespace Sroi.Ledger.DevIdentity.Hosting;

public static class Secrets
{
    /// <summary>A random secret that survives copy and paste: letters and digits only.</summary>
    public static string Generate(int length = 20) =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", length);

    public static bool Equal(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));
}
