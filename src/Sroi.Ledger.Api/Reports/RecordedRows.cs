using NodaTime;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// Which versions of the bitemporal report tables (Schema/040) a report reads: today the current ones
/// (<c>recorded_until = 'infinity'</c>, literally, so PostgreSQL uses the partial indexes over the current rows), as known
/// on an instant the ones the ledger held then (<c>recorded_from &lt;= T &lt; recorded_until</c>, the <c>*_known</c>
/// indexes). The instant is recorded time (<c>mt_events.timestamp</c>), never a business date of the report.
/// </summary>
public sealed record RecordedRows(Instant? AsKnownOn)
{
    public static readonly RecordedRows Current = new((Instant?)null);

    /// <summary>The predicate on the rows of <paramref name="alias"/>; the instant is parameter <paramref name="parameter"/> (<see cref="With"/>).</summary>
    public string Of(string alias, int parameter) => AsKnownOn is null
        ? $"{alias}.recorded_until = 'infinity'"
        : $"{alias}.recorded_from <= ${parameter} AND ${parameter} < {alias}.recorded_until";

    /// <summary>A statement's parameters, and the instant after them when the report is as known on one.</summary>
    public object[] With(params object[] parameters) => AsKnownOn is { } instant ? [.. parameters, instant] : parameters;
}
