namespace Sroi.Ledger.Api.Reports;

/// <summary>How a count compares with the year's ambition; all null when no ambition is set.</summary>
public sealed record AmbitionComparison(int? Ambition, bool? AmbitionMet, long? Difference)
{
    public static AmbitionComparison Of(long count, int? ambition) =>
        ambition is { } aim ? new(aim, count >= aim, count - aim) : new(null, null, null);
}
