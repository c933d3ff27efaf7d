using System.Diagnostics;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// CPU time used so far by this process (the harness: both sides' client work, never at once) and by the harness's own
/// PostgreSQL cluster (the postmaster and its children, read from /proc; Linux only, else zero). Read before and after a
/// slice, it splits a command's CPU between client and server. The server's figure has the kernel's tick resolution
/// (10 ms per process), a few per cent of a slice; it counts per process, so a process that starts during a slice counts
/// from zero, and one that ends during it (an autovacuum worker) loses its share of that slice: an underestimate.
/// </summary>
internal sealed class CpuClock(string? dataDirectory)
{
    private const double TickSeconds = 1.0 / 100; // USER_HZ, 100 on Linux

    public sealed record Reading(TimeSpan Client, IReadOnlyDictionary<int, long> ServerTicks);

    public Reading Now()
    {
        using var self = Process.GetCurrentProcess();
        return new Reading(self.TotalProcessorTime, ServerTicks());
    }

    /// <summary>The client's and the server's CPU time between two readings.</summary>
    public static (TimeSpan Client, TimeSpan Server) Between(Reading before, Reading after) =>
        (after.Client - before.Client, TimeSpan.FromSeconds(TickSeconds *
            after.ServerTicks.Sum(p => p.Value - before.ServerTicks.GetValueOrDefault(p.Key))));

    private Dictionary<int, long> ServerTicks()
    {
        var ticks = new Dictionary<int, long>();
        if (dataDirectory is null || !File.Exists("/proc/self/stat")) return ticks;
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster)) return ticks;
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
                ticks[pid] = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        return ticks;
    }
}
