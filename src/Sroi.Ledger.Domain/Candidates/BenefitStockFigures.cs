namespace Sroi.Ledger.Domain.Candidates;

/// <param name="Percentage">Of the row's count (the total row's: the kadernota's "Totaal %").</param>
/// <param name="ServedPercentage">Of this band's count: the share the WSP serves.</param>
public sealed record BandFigures(string Band, long Count, decimal? Percentage, long ServedByWsp, decimal? ServedPercentage);

/// <summary>A row of the benefit-duration table: its count, its share of the whole stock, the WSP's share, and per band.</summary>
/// <param name="Percentage">Of the whole stock.</param>
/// <param name="ServedPercentage">Of this row's count.</param>
public sealed record StockFigures(long Count, decimal? Percentage, long ServedByWsp, decimal? ServedPercentage, IReadOnlyList<BandFigures> Bands);

/// <summary>Sums the stock's entries, counted per distinct entry, into the rows of the table.</summary>
public static class BenefitStockTally
{
    /// <summary>The row of the entries <paramref name="inRow"/> selects, with every band (0 when empty).</summary>
    public static StockFigures Row(IReadOnlyCollection<(StockEntry Entry, long Count)> stock, Func<StockEntry, bool> inRow)
    {
        var row = stock.Where(c => inRow(c.Entry)).ToList();
        var (count, served) = Sum(row);
        var bands = BenefitDuration.Bands.Select((band, i) =>
        {
            var (inBand, servedInBand) = Sum(row.Where(c => c.Entry.Band == i));
            return new BandFigures(band.Band, inBand, Percentages.Of(inBand, count), servedInBand, Percentages.Of(servedInBand, inBand));
        }).ToList();
        return new StockFigures(count, Percentages.Of(count, Sum(stock).Count), served, Percentages.Of(served, count), bands);
    }

    private static (long Count, long Served) Sum(IEnumerable<(StockEntry Entry, long Count)> cells)
    {
        var list = cells.ToList();
        return (list.Sum(c => c.Count), list.Where(c => c.Entry.ServedByWsp).Sum(c => c.Count));
    }
}
