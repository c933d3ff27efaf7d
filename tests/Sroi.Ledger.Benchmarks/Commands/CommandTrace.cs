using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// Not timed, after the measurement (<c>--trace</c>): three commands of each type per side, one at a time, with the
/// server logging every statement with the duration of each of its phases (<c>log_min_duration_statement=0</c>: parse,
/// bind and execute of the extended protocol; a simple query such as COMMIT as one; set with ALTER SYSTEM on the
/// harness's own cluster and reset afterwards) and an <see cref="ActivityListener"/> on Npgsql's activity
/// source, which sees one activity per command or batch sent (one round trip each; a transaction's BEGIN travels with
/// the first of them, its COMMIT is a round trip of its own). Marker statements in the log separate the commands.
/// An explicit COMMIT is logged with its duration (the WAL flush included); the implicit commit of a batch (the raw
/// side's) happens at its Sync message, which the log does not time, so the raw side's server time leaves its flush out.
/// </summary>
internal static partial class CommandTrace
{
    private const string Marker = "sroi-bench-trace:";

    private static readonly (string Name, CommandKind Kind)[] Kinds =
    [
        ("register contract", CommandKind.RegisterContract), ("amend contract", CommandKind.AmendContract),
        ("report fulfilment", CommandKind.ReportFulfilment), ("accept fulfilment", CommandKind.AcceptFulfilment),
        ("register candidate", CommandKind.RegisterCandidate), ("record placement", CommandKind.RecordPlacement),
        ("set ambition", CommandKind.SetAmbition),
    ];

    private static string? current;

    public static async Task RunAsync(BenchDatabase server, ICommandSide[] sides)
    {
        Console.WriteLine();
        if (server.LogFile is not { } logFile)
        {
            Console.WriteLine("trace: needs the harness's own cluster (its log), not SROI_BENCH_DATABASE");
            return;
        }
        var db = server.DataSource;
        var logStart = new FileInfo(logFile).Length;
        await CommandsBenchmark.Execute(db, "ALTER SYSTEM SET log_min_duration_statement = 0");
        await CommandsBenchmark.Execute(db, "SELECT pg_reload_conf()");
        await Task.Delay(1000);

        var activities = new List<(string Label, string Text)>();
        var wall = new Dictionary<string, double>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Volatile.Read(ref current) is not { } label) return;
                var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
                lock (activities) activities.Add((label, text));
            },
        })
        {
            ActivitySource.AddActivityListener(listener);
            foreach (var (name, kind) in Kinds)
                foreach (var side in sides)
                {
                    var target = await side.CreateTargetAsync(kind, 0, 3);
                    for (var i = 0; i < 3; i++)
                    {
                        var label = $"{side.Name} {name} #{i + 1}";
                        await CommandsBenchmark.Execute(db, $"SELECT '{Marker} begin {label}'");
                        Volatile.Write(ref current, label);
                        var clock = Stopwatch.StartNew();
                        var outcome = await side.RunAsync(kind, target, i);
                        wall[label] = clock.Elapsed.TotalMilliseconds;
                        Volatile.Write(ref current, null);
                        await CommandsBenchmark.Execute(db, $"SELECT '{Marker} end {label}'");
                        if (outcome.Status is not (200 or 201)) Console.WriteLine($"trace: {label} answered {outcome.Status} {outcome.Text}");
                    }
                }
        }
        await CommandsBenchmark.Execute(db, "ALTER SYSTEM RESET log_min_duration_statement");
        await CommandsBenchmark.Execute(db, "SELECT pg_reload_conf()");
        await Task.Delay(1000);

        var entries = await ReadLogAsync(logFile, logStart);
        Console.WriteLine("trace (one command at a time, every statement logged: the times include the logging; " +
            "server = the sum of the logged parse, bind and execute durations):");
        foreach (var (label, logged) in entries)
        {
            var statements = logged.Where(e => e.Kind is "execute" or "statement").ToList();
            var serverTime = logged.Sum(e => e.Milliseconds);
            var commitTime = logged.Where(e => e.Kind == "statement" && e.Text.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Milliseconds);
            var sent = activities.Where(a => a.Label == label).Select(a => a.Text).ToList();
            var commits = statements.Count(s => s.Text.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) || s.Text.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase));
            var committedByActivity = sent.Count(s => s.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase));
            Console.WriteLine($"  {label}: {wall.GetValueOrDefault(label):0.00} ms, server {serverTime:0.00} ms (COMMIT {commitTime:0.00}); {statements.Count} statements logged; " +
                $"{sent.Count} Npgsql commands/batches + {commits - committedByActivity} COMMIT/ROLLBACK = {sent.Count + commits - committedByActivity} round trips");
            if (!label.EndsWith("#3", StringComparison.Ordinal)) continue;
            foreach (var e in logged) Console.WriteLine($"      {e.Kind} {e.Milliseconds:0.000} ms: {Shorten(e.Text, 150)}");
            foreach (var s in sent) Console.WriteLine($"      sent: {Shorten(s, 160)}");
        }
    }

    /// <summary>The log's entries (phase, duration, statement) between each pair of markers, by label.</summary>
    private static async Task<List<(string Label, List<(string Kind, double Milliseconds, string Text)> Entries)>> ReadLogAsync(string logFile, long from)
    {
        await using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        // Lines of one entry: the first begins with the prefix's timestamp, the others (a statement's next lines) do not.
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (lines.Count > 0 && !Timestamp().IsMatch(line)) lines[^1] += " " + line.Trim();
            else lines.Add(line);
        }
        var result = new List<(string, List<(string, double, string)>)>();
        List<(string, double, string)>? open = null;
        foreach (var line in lines)
        {
            if (Entry().Match(line) is not { Success: true } m) continue;
            var (kind, text) = (m.Groups["kind"].Value, m.Groups["text"].Value.Trim());
            // A marker's own phases are not the command's: its execute opens the window, the next marker's parse closes it.
            if (text.Contains(Marker, StringComparison.Ordinal))
            {
                if (text.Contains(Marker + " end ", StringComparison.Ordinal)) open = null;
                else if (kind == "execute" && text.IndexOf(Marker + " begin ", StringComparison.Ordinal) is var at and >= 0)
                {
                    open = [];
                    result.Add((text[(at + Marker.Length + 7)..].TrimEnd('\''), open));
                }
                continue;
            }
            open?.Add((kind, double.Parse(m.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture), text));
        }
        return result;
    }

    private static string Shorten(string text, int max)
    {
        var flat = Whitespace().Replace(text, " ");
        return flat.Length <= max ? flat : flat[..max] + "…";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"LOG:\s+duration: (?<ms>[\d.]+) ms\s+(?<kind>parse|bind|execute|statement)[^:]*: (?<text>.*)")]
    private static partial Regex Entry();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
