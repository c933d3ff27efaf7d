namespace Sroi.Ledger.Api.Importing;

/// <summary>
/// The sheet's rows dealt into lanes that the import runs side by side (<see cref="Importer.Lanes"/>). Rows that could
/// meet each other go in one lane, in the sheet's order, so the import decides them exactly as one after another: the rows
/// of one stream (a contract's kenmerk, a candidate's number — its fulfilments or placements queue on it in the sheet's
/// order) and, for fulfilments, the rows of one supplier's invoice (an invoice counts once, across contracts: the first
/// row in the sheet is the one counted, the later one refused, as before). Rows of different lanes touch different streams
/// and share nothing a rule reads, so which lane runs first changes no answer. A cell's key is compared in upper case and
/// trimmed, so rows that the endpoint might take for the same stream are never apart; a row without a key is a lane of its
/// own (it is refused for that).
/// </summary>
public static class ImportLanes
{
    /// <summary>The columns whose values bind rows together, per kind (each list: one key made of those cells).</summary>
    private static readonly IReadOnlyDictionary<ImportKind, string[][]> Keys = new Dictionary<ImportKind, string[][]>
    {
        [ImportKind.Contracts] = [["Kenmerk"]],
        [ImportKind.Candidates] = [["Kandidaatnummer"]],
        [ImportKind.Placements] = [["Kandidaatnummer"]],
        [ImportKind.Fulfilments] = [["Kenmerk contract"], ["KvK-nummer leverancier", "Factuurnummer"]],
    };

    /// <summary>The rows' indexes per lane, each lane in the sheet's order; at most <paramref name="lanes"/> lanes.</summary>
    public static IReadOnlyList<List<int>> Of(ImportKind kind, IReadOnlyList<SheetRow> rows, IReadOnlyDictionary<string, ImportColumn> columns, int lanes)
    {
        var municipality = ImportTemplate.Normalise(ImportTemplate.MunicipalityHeader);
        var keys = Keys[kind].Select(key => key.Select(ImportTemplate.Normalise).ToArray()).ToList();
        // Union–find over the rows: two rows sharing any key's value are one group.
        var parent = Enumerable.Range(0, rows.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            for (var k = 0; k < keys.Count; k++)
            {
                var cells = keys[k].Select(header => Text(rows[i], header)).ToList();
                if (cells.Any(c => c.Length == 0)) continue;
                // The municipality column is part of every key: one kenmerk in two municipalities is two streams, but a
                // sheet that names none takes --municipality for all, and then the kenmerk alone decides.
                var key = $"{k}\u001f{(columns.ContainsKey(municipality) ? Text(rows[i], municipality) : "")}\u001f{string.Join('\u001f', cells)}";
                if (first.TryGetValue(key, out var earlier)) parent[Find(i)] = Find(earlier);
                else first[key] = i;
            }
        }
        var dealt = Enumerable.Range(0, Math.Max(1, lanes)).Select(_ => new List<int>()).ToList();
        var laneOf = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            // Groups are dealt round the lanes in the order they first appear, so the lanes get about as many groups each.
            var group = Find(i);
            if (!laneOf.TryGetValue(group, out var lane)) laneOf[group] = lane = laneOf.Count % dealt.Count;
            dealt[lane].Add(i);
        }
        return [.. dealt.Where(lane => lane.Count > 0)];
    }

    private static string Text(SheetRow row, string header) =>
        row.Cells.GetValueOrDefault(header) is { } cell ? CellValues.TextOf(cell).ToUpperInvariant() : "";
}
