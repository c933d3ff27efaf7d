using static Sroi.Ledger.Api.Candidates.ReportRows.ReportTables;

namespace Sroi.Ledger.Api.Candidates.ReportRows;

/// <summary>
/// The spells of work (Schema/100, <c>placement_spells_at</c>) and the status pieces (Schema/110,
/// <c>candidate_status_spells_at</c>) brought in step after an event, as the two statements of
/// CandidateReportTables.Spells.cs and .Status.cs do: the fresh rows computed from the rows as known at the event's instant;
/// the current rows no fresh row repeats retired (closed at the instant, or deleted when recorded at it); then every fresh
/// row whose key has no current row left added, recorded from the instant.
/// </summary>
public sealed partial class CandidateRowsFold
{
    private const int SpellWorkedUntil = 5;
    private const int TredeValue = 3, TredeFrom = 5, TredeUntil = 6;
    private const int FactValue = 3, FactFrom = 4, FactUntil = 5;
    private const int PieceFrom = 2;

    private void SpellsInStep(DateTime at)
    {
        var fresh = SpellsAt(at);
        var spells = rows[SpellsTable];
        var stale = spells.Where(c => IsCurrent(c) && !fresh.Any(f => (Guid)f[0]! == (Guid)c[PlacementId]! && Equals(f[1], c[StartedOn])
                                                                     && Equals(f[2], c[CountingYear]) && Equals(f[3], c[SpellWorkedUntil]))).ToList();
        Retire(spells, stale, at);
        foreach (var f in fresh)
            if (!spells.Any(c => IsCurrent(c) && (Guid)c[PlacementId]! == (Guid)f[0]!))
                Insert(SpellsTable, at, f[0], m, n, f[1], f[2], f[3]);
    }

    /// <summary>
    /// <c>placement_spells_at</c>: the placements as known at <paramref name="at"/>, not withdrawn, in start order (ties by id,
    /// as PostgreSQL orders uuids); a placement that starts after the day after the latest end before it starts a spell; each
    /// spell works until its latest end ('infinity' while one is open). Rows of (id, started_on, counting_year, worked_until).
    /// </summary>
    private List<object?[]> SpellsAt(DateTime at)
    {
        var work = rows[PlacementsTable].Where(p => KnownAt(p, at) && !(bool)p[Withdrawn]!)
            .Select(p => (Id: (Guid)p[PlacementId]!, Started: (DateOnly)p[StartedOn]!, Year: (int)p[CountingYear]!, Ended: (DateOnly?)p[EndedOn] ?? DateOnly.MaxValue))
            .OrderBy(p => p.Started).ThenBy(p => p.Id, PostgresUuidOrder.Instance).ToList();
        var spell = new int[work.Count];
        DateOnly? workedBefore = null;
        for (var i = 0; i < work.Count; i++)
        {
            // count(*) FILTER (WHERE worked_before IS NULL OR started_on - 1 > worked_before): a new spell.
            var starts = workedBefore is not { } before || work[i].Started.AddDays(-1) > before;
            spell[i] = (i == 0 ? 0 : spell[i - 1]) + (starts ? 1 : 0);
            workedBefore = workedBefore is { } b && b > work[i].Ended ? b : work[i].Ended;
        }
        var until = new Dictionary<int, DateOnly>();
        for (var i = 0; i < work.Count; i++)
            until[spell[i]] = until.TryGetValue(spell[i], out var u) && u > work[i].Ended ? u : work[i].Ended;
        return [.. work.Select((p, i) => new object?[] { p.Id, p.Started, p.Year, until[spell[i]] })];
    }

    private void StatusInStep(DateTime at)
    {
        var fresh = PiecesAt(at);
        var pieces = rows[StatusPiecesTable];
        // SamePiece: every column alike (the benefit's dates null-safe, as object.Equals is).
        var stale = pieces.Where(c => IsCurrent(c) && !fresh.Any(f => SamePiece(f, c))).ToList();
        Retire(pieces, stale, at);
        foreach (var f in fresh)
            if (!pieces.Any(c => IsCurrent(c) && Equals(c[PieceFrom], f[0])))
                Insert(StatusPiecesTable, at, [m, n, .. f]);
    }

    private static bool SamePiece(object?[] fresh, object?[] current)
    {
        for (var i = 0; i < fresh.Length; i++)
            if (!Equals(fresh[i], current[PieceFrom + i])) return false;
        return true;
    }

    /// <summary>
    /// <c>candidate_status_spells_at</c>: the candidate's dates cut at every start and end of its trede, WSP service and benefit
    /// act rows as known at <paramref name="at"/> ('infinity' for an open end); each piece between two cuts joined to every
    /// row of each fact that covers it and to the candidate's row as known then (a piece one of them leaves uncovered is no
    /// piece). Rows of (valid_from, valid_until, trede, served, benefit_act, registered_on, target_group, benefit_since,
    /// benefit_ended_on).
    /// </summary>
    private List<object?[]> PiecesAt(DateTime at)
    {
        var t = Facts(TredenTable, TredeValue, TredeFrom, TredeUntil, at);
        var w = Facts(WspServiceTable, FactValue, FactFrom, FactUntil, at);
        var a = Facts(BenefitActsTable, FactValue, FactFrom, FactUntil, at);
        var cuts = t.Concat(w).Concat(a).SelectMany(f => new[] { f.From, f.Until }).Distinct().Order().ToList();
        var candidates = rows[CandidatesTable].Where(c => KnownAt(c, at)).ToList();
        var pieces = new List<object?[]>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (from, until) = (cuts[i], cuts[i + 1]);
            foreach (var tf in t.Where(f => f.From <= from && until <= f.Until))
            foreach (var wf in w.Where(f => f.From <= from && until <= f.Until))
            foreach (var af in a.Where(f => f.From <= from && until <= f.Until))
            foreach (var c in candidates)
                pieces.Add([from, until, tf.Value, wf.Value, af.Value, c[RegisteredOn], c[TargetGroup], c[BenefitSince], c[BenefitEndedOn]]);
        }
        return pieces;
    }

    private List<(object? Value, DateOnly From, DateOnly Until)> Facts(ReportTable table, int value, int from, int until, DateTime at) =>
        [.. rows[table].Where(x => KnownAt(x, at)).Select(x => (x[value], (DateOnly)x[from]!, (DateOnly?)x[until] ?? DateOnly.MaxValue))];

    /// <summary>The current rows no fresh row repeats: closed at <paramref name="at"/> when recorded before it, deleted when recorded at it.</summary>
    private static void Retire(List<object?[]> table, List<object?[]> stale, DateTime at)
    {
        foreach (var row in stale)
            if (From(row) < at) row[^1] = at;
            else if (From(row) == at) table.Remove(row);
    }

    /// <summary>PostgreSQL's order of uuids: their sixteen bytes as written, compared unsigned one by one.</summary>
    private sealed class PostgresUuidOrder : IComparer<Guid>
    {
        public static readonly PostgresUuidOrder Instance = new();

        public int Compare(Guid x, Guid y)
        {
            Span<byte> a = stackalloc byte[16], b = stackalloc byte[16];
            x.TryWriteBytes(a, bigEndian: true, out _);
            y.TryWriteBytes(b, bigEndian: true, out _);
            return a.SequenceCompareTo(b);
        }
    }
}
