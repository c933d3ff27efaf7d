using Sroi.Ledger.Api.Importing;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>
/// The import runs lanes of rows side by side (issue 21's 10,000 rows in a minute); rows that could meet each other must
/// share a lane, in the sheet's order, so every answer is the one a row-after-row import gives. No database: the dealing only.
/// </summary>
public class ImportLanesTests
{
    private static readonly Dictionary<string, ImportColumn> FulfilmentColumns =
        ImportTemplate.Columns[ImportKind.Fulfilments].ToDictionary(c => ImportTemplate.Normalise(c.Header), StringComparer.Ordinal);

    private static SheetRow Fulfilment(int number, string contract, string? supplier = null, string? invoice = null, string? municipality = null) =>
        new(number, new Dictionary<string, object?>
        {
            ["gemeente"] = municipality,
            ["kenmerk contract"] = contract,
            ["kvk-nummer leverancier"] = supplier,
            ["factuurnummer"] = invoice,
        });

    [Fact]
    public void A_contracts_rows_share_a_lane_in_the_sheets_order_and_other_contracts_are_spread_over_the_lanes()
    {
        SheetRow[] rows = [Fulfilment(2, "A"), Fulfilment(3, "B"), Fulfilment(4, "a "), Fulfilment(5, "C"), Fulfilment(6, "D"), Fulfilment(7, "A")];

        var lanes = ImportLanes.Of(ImportKind.Fulfilments, rows, FulfilmentColumns, lanes: 4);

        // Kenmerk A (also written "a "): rows 2, 4 and 7, in that order; B, C and D each a lane of their own.
        lanes.Should().BeEquivalentTo(new int[][] { [0, 2, 5], [1], [3], [4] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void One_suppliers_invoice_on_two_contracts_binds_both_contracts_rows_into_one_lane()
    {
        SheetRow[] rows =
        [
            Fulfilment(2, "A", "87654321", "F-1"), Fulfilment(3, "B", "87654321", "F-2"), Fulfilment(4, "C", "12345678", "F-1"),
            Fulfilment(5, "B", "87654321", "F-1"), Fulfilment(6, "A"),
        ];

        var lanes = ImportLanes.Of(ImportKind.Fulfilments, rows, FulfilmentColumns, lanes: 4);

        // Row 5 claims row 2's invoice on contract B: A's and B's rows are one group; C's invoice F-1 is another supplier's.
        lanes.Should().BeEquivalentTo(new int[][] { [0, 1, 3, 4], [2] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void One_kenmerk_in_two_municipalities_is_two_groups_and_never_more_lanes_than_asked()
    {
        SheetRow[] rows = [.. Enumerable.Range(0, 10).Select(i => Fulfilment(i + 2, "A", municipality: i % 2 == 0 ? "GM0603" : "GM0518"))];

        var lanes = ImportLanes.Of(ImportKind.Fulfilments, rows, FulfilmentColumns, lanes: 4);

        lanes.Should().BeEquivalentTo(new int[][] { [0, 2, 4, 6, 8], [1, 3, 5, 7, 9] }, o => o.WithStrictOrdering());
        ImportLanes.Of(ImportKind.Fulfilments, [.. Enumerable.Range(0, 10).Select(i => Fulfilment(i + 2, $"K{i}"))], FulfilmentColumns, lanes: 3)
            .Select(lane => lane.Count).Should().Equal(4, 3, 3);
    }
}
