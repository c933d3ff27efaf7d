using JasperFx.Events;
using Marten.Events.Aggregation;
using Sroi.Ledger.Domain.Ambitions;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>One year's ambition: a null figure means none for that year.</summary>
public sealed record AmbitionFigures(int? Placements, int? SroiPlacements)
{
    /// <summary>Null: no ambition per kind that year (not positional, so documents stored before it read as none).</summary>
    public IReadOnlyList<KindAmbition>? ByKind { get; init; }
}

/// <summary>
/// A municipality's ambition stream folded once, inline (<see cref="AmbitionsFold"/>): the latest figures per year.
/// The placement reports read it with SQL (<see cref="AmbitionsSql"/>); the history keeps every earlier value.
/// </summary>
/// <param name="StreamVersion">The version of the stream this document folds.</param>
public sealed record AmbitionsDocument(string Id, IReadOnlyDictionary<int, AmbitionFigures> Years, long StreamVersion);

/// <summary>Setting a year again replaces that year's figures.</summary>
public sealed class AmbitionsFold : SingleStreamProjection<AmbitionsDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public AmbitionsFold()
    {
        IncludeType<AmbitionSet>();
        IncludeType<AmbitionKindsSet>();
    }

    // Inline, Marten hands a fold every event of the streams it appends to; only this stream kind's events count.
    public override AmbitionsDocument? Evolve(AmbitionsDocument? document, string id, IEvent e)
    {
        var years = new Dictionary<int, AmbitionFigures>(document?.Years ?? new Dictionary<int, AmbitionFigures>());
        switch (e.Data)
        {
            // A set replaces the year whole: no ambition per kind unless the kinds-set after it says so.
            case AmbitionSet set: years[set.Year] = new(set.Placements, set.SroiPlacements); break;
            case AmbitionKindsSet kinds: years[kinds.Year] = years[kinds.Year] with { ByKind = kinds.ByKind }; break;
            default: return document;
        }
        return new AmbitionsDocument(id, years, e.Version);
    }
}

/// <summary>The ambitions as the reports' SQL reads them from Marten's document table (one row per municipality).</summary>
public static class AmbitionsSql
{
    /// <summary>
    /// Rows (year, by_kind) of the municipality ($1) for the years $2 to $3 that have ambitions per kind: the latest
    /// <c>ambition.set.v1</c> of each year (today, or recorded by the instant $4 <paramref name="asKnownOn"/>) and the
    /// <c>ambition.kinds-set.v1</c> appended right after it; by_kind is that event's <c>byKind</c> (its stored shape).
    /// </summary>
    public static string Kinds(bool asKnownOn) => $"""
        SELECT s.year, k.data->'byKind' AS by_kind
        FROM (SELECT DISTINCT ON ((e.data->>'year')::int) (e.data->>'year')::int AS year, e.version
              FROM mt_events e
              WHERE e.tenant_id = $1 AND e.stream_id = 'ambition-' || $1 AND e.type = '{AmbitionEvents.Set}'
                AND (e.data->>'year')::int BETWEEN $2 AND $3 {(asKnownOn ? "AND e.timestamp <= $4" : "")}
              ORDER BY (e.data->>'year')::int, e.version DESC) s
        JOIN mt_events k ON k.tenant_id = $1 AND k.stream_id = 'ambition-' || $1 AND k.version = s.version + 1
             AND k.type = '{AmbitionEvents.KindsSet}'
        """;

    /// <summary>
    /// Rows (year, placements, sroi_placements) of the municipality ($1) for the years $2 to $3: today's from the document;
    /// <paramref name="asKnownOn"/>, as known on the instant $4, from the stream's events recorded by then (a few a year):
    /// the latest set of each year, as <see cref="AmbitionsFold"/> folds them.
    /// </summary>
    public static string Years(bool asKnownOn) => asKnownOn ? KnownOn : Current;

    private const string Current = """
        SELECT y.key::int AS year, (y.value->>'placements')::int AS placements, (y.value->>'sroiPlacements')::int AS sroi_placements
        FROM mt_doc_ambitionsdocument d, jsonb_each(d.data->'years') y
        WHERE d.tenant_id = $1 AND y.key::int BETWEEN $2 AND $3
        """;

    private const string KnownOn = $"""
        SELECT DISTINCT ON ((e.data->>'year')::int)
               (e.data->>'year')::int AS year, (e.data->>'placements')::int AS placements, (e.data->>'sroiPlacements')::int AS sroi_placements
        FROM mt_events e
        WHERE e.tenant_id = $1 AND e.stream_id = 'ambition-' || $1 AND e.type = '{AmbitionEvents.Set}' AND e.timestamp <= $4
          AND (e.data->>'year')::int BETWEEN $2 AND $3
        ORDER BY (e.data->>'year')::int, e.version DESC
        """;
}
