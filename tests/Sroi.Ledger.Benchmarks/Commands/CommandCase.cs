namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>The command types the <c>--commands</c> mode measures.</summary>
internal enum CommandKind
{
    RegisterContract,
    AmendContract,
    ReportFulfilment,
    AcceptFulfilment,
    RegisterCandidate,
    RecordPlacement,
    SetAmbition,
}

/// <summary>
/// What one command works on, prepared before the clock runs: a contract (with its pending reports, for an
/// acceptance), a registered candidate, or the year of an ambition. Registrations need none: each makes a new stream.
/// </summary>
internal sealed record Target(Guid Contract = default, string Candidate = "", IReadOnlyList<Guid>? Reports = null, int Year = 0);

/// <summary>The status code a command answered with, and its body (for an error, or to read an id while preparing).</summary>
internal readonly record struct Outcome(int Status, MemoryStream? Response = null)
{
    public string Text => Response is null ? "" : System.Text.Encoding.UTF8.GetString(Response.ToArray());
}

/// <summary>One side of the comparison: the ledger's full command path, or the raw-Npgsql baseline.</summary>
internal interface ICommandSide
{
    string Name { get; }

    /// <summary>Not timed: a subject for <paramref name="commands"/> commands of <paramref name="kind"/> by <paramref name="writer"/>.</summary>
    Task<Target?> CreateTargetAsync(CommandKind kind, int writer, int commands);

    /// <summary>Timed: the <paramref name="index"/>-th command on <paramref name="target"/> (0 for a new subject).</summary>
    Task<Outcome> RunAsync(CommandKind kind, Target? target, int index);

    /// <summary>Commits attempted so far (a lost race that is retried attempts again).</summary>
    long Attempts { get; }
}

/// <param name="OneStream">All writers on one stream (the hot contract; the ambitions are one stream per municipality anyway).</param>
internal sealed record CommandCase(string Name, CommandKind Kind, int Writers, bool OneStream = false)
{
    public int ExpectedStatus => Kind is CommandKind.AmendContract or CommandKind.AcceptFulfilment or CommandKind.SetAmbition ? 200 : 201;

    /// <summary>Registrations make a new stream per command; set ambition works on one stream whose document stays small.</summary>
    public bool Rotates => Kind is CommandKind.AmendContract or CommandKind.ReportFulfilment or CommandKind.AcceptFulfilment or CommandKind.RecordPlacement;

    public string Label => $"{Name}, {Writers} writer{(Writers > 1 ? "s" : "")}";
}

/// <summary>
/// The subjects one writer (or, for one stream, all writers) works through: <c>perTarget</c> commands on each, then the
/// next, so that no document grows without bound. Null when used up (the writer stops early; the harness says so).
/// </summary>
internal sealed class TargetPool(IReadOnlyList<Target?> targets, int perTarget)
{
    private long taken = -1;

    public int Targets => targets.Count;

    public (Target? Target, int Index)? Next()
    {
        var n = Interlocked.Increment(ref taken);
        var t = n / perTarget;
        return t < targets.Count ? (targets[(int)t], (int)(n % perTarget)) : null;
    }
}
