using System.Diagnostics;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// CPU time used so far by this process (the harness: both sides' client work, never at once) and by the harness's own
/// PostgreSQL cluster (the postmaster and its children, read from /proc; Linux only, else zero). Read before and after a
/// slice, it splits a command's CPU between client and server. The server's figure has the kernel's tick resolution
/// (10 ms per process), a few per cent of a slice.
/// </summary>
internal sealed class CpuClock(string? dataDirectory)
{
    private static readonly double TickSeconds = 1.0 / 100; // USER_HZ, 100 on Linux

    public (TimeSpan Client, TimeSpan Server) Now()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, ServerTime());
    }

    private TimeSpan ServerTime()
    {
        if (dataDirectory is null || !File.Exists("/proc/self/stat")) return TimeSpan.Zero;
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster)) return TimeSpan.Zero;
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(directory, "stat")); }
            catch (IOException) { continue; } // the process ended meanwhile
            catch (UnauthorizedAccessException) { continue; }
            // pid (comm) state ppid … utime(14) stime(15): the command name may hold spaces, so count from its ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (pid == postmaster || fields[1] == postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks * TickSeconds);
    }
}
