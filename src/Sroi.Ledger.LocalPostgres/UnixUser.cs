using System.Runtime.InteropServices;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>Who we run as: initdb and the server refuse to run as root.</summary>
internal static class UnixUser
{
    /// <summary>The account the server runs as when this process is root.</summary>
    public const string PostgresAccount = "postgres";

    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
