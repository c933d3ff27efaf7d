namespace Sroi.Ledger.Api.Reports;

/// <summary>How a count compares with the year's ambition; all null when no ambition is set.</summary>
public sealed record AmbitionComparison(int? Ambition, bool? AmbitionMet, long? Difference)
{
    public static AmbitionComparison Of(long count, int? ambition) =>
        ambition is { } aim ? new(aim, count >= aim, count - aim) : new(null, null, null);
}

/// <summary>
/// Realised against one ambition: <see cref="Scope"/> <c>total</c> (every placement), <c>sroi</c> (through SROI) or
/// <c>kind</c> (placements of <see cref="Kind"/>, e.g. Leiden's 15 beschutte werkplekken a year).
/// </summary>
/// <param name="Kind">The placement kind of a <c>kind</c> ambition; null for the others.</param>
/// <param name="Share">Realised / target, rounded half away from zero to four decimals (above 1 when exceeded); null for a target of 0.</param>
public sealed record AmbitionResult(string Scope, string? Kind, int Target, long Realised, decimal? Share)
{
    /// <summary>Each ambition that applies: the total, the SROI one, then one per kind, in the kinds' order.</summary>
    public static IReadOnlyList<AmbitionResult> Each(int? total, long placements, int? sroi, long viaSroi,
        IReadOnlyDictionary<string, int> kinds, IReadOnlyDictionary<string, long> realisedByKind) =>
    [
        .. total is { } t ? [Of("total", null, t, placements)] : Array.Empty<AmbitionResult>(),
        .. sroi is { } s ? [Of("sroi", null, s, viaSroi)] : Array.Empty<AmbitionResult>(),
        .. realisedByKind.Keys.Where(kinds.ContainsKey).Select(kind => Of("kind", kind, kinds[kind], realisedByKind[kind])),
    ];

    private static AmbitionResult Of(string scope, string? kind, int target, long realised) =>
        new(scope, kind, target, realised, target == 0 ? null : decimal.Round((decimal)realised / target, 4, MidpointRounding.AwayFromZero));
}
