using MiniExcelLibs;

namespace Sroi.Ledger.Benchmarks.Import;

/// <summary>
/// The benchmark's workbooks, in the documented template (docs/import-template.md), as a municipality's Excel saves
/// them: dates and amounts as typed cells, codes as text. Every kenmerk, candidate number and invoice carries the run's
/// letters, so a run never meets an earlier one's rows (the idempotency keys are hashes of the rows' content). Letters,
/// not digits: a run of digits in a candidate number or a key could pass the elfproef and be refused as a BSN.
/// </summary>
internal sealed class ImportWorkbooks(string run, int rows, int contracts)
{
    private static readonly DateTime Awarded = new(2024, 3, 1), Starts = new(2024, 4, 1), Ends = new(2026, 3, 31);

    /// <summary>Six letters of this run.</summary>
    public static string Run() => new([.. Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);

    private string Contract(int index) => $"B-{run}-{Letters(index)}";

    private string Candidate(int index) => $"K-{run}-{Letters(index)}";

    public byte[] Contracts() => Xlsx(Enumerable.Range(0, contracts).Select(i => new Dictionary<string, object?>
    {
        ["Kenmerk"] = Contract(i),
        ["Titel"] = $"Onderhoud openbare ruimte perceel {Letters(i)}",
        ["Categorie"] = "werken",
        ["Opdrachtwaarde"] = 250_000.00m,
        ["KvK-nummer opdrachtnemer"] = "12345678",
        ["Naam opdrachtnemer"] = "Hoveniersbedrijf Groen B.V.",
        ["Gunningsdatum"] = Awarded,
        ["Startdatum"] = Starts,
        ["Einddatum"] = Ends,
        ["Reikwijdte"] = "local",
    }));

    public byte[] Candidates() => Xlsx(Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
    {
        ["Kandidaatnummer"] = Candidate(i),
        ["Registratiedatum"] = new DateTime(2024, 1, 8),
        ["Trede"] = 2 + i % 3,
        ["Doelgroep"] = "participatiewet",
        ["Uitkering sinds"] = new DateTime(2023, 11, 1),
    }));

    /// <summary>One per candidate; every other one an SROI placement on a contract named by its kenmerk.</summary>
    public byte[] Placements() => Xlsx(Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
    {
        ["Kandidaatnummer"] = Candidate(i),
        ["KvK-nummer werkgever"] = "87654321",
        ["Naam werkgever"] = "Hoveniersbedrijf Groen B.V.",
        ["Startdatum"] = new DateTime(2024, 6, 3),
        ["Uren per week"] = 32.5m,
        ["Soort"] = "regular",
        ["Kanaal"] = i % 2 == 0 ? "sroi" : "wsp",
        ["Kenmerk SROI-contract"] = i % 2 == 0 ? Contract(i % contracts) : null,
    }));

    /// <summary>Social procurement: each row an invoice of its own, <c>rows / contracts</c> per contract.</summary>
    public byte[] Fulfilments() => Xlsx(Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
    {
        ["Kenmerk contract"] = Contract(i % contracts),
        ["Soort"] = "social-procurement",
        ["KvK-nummer leverancier"] = "87654321",
        ["Naam leverancier"] = "De Groene Werkplaats B.V.",
        ["Erkenning leverancier"] = "social-enterprise-nl",
        ["Factuurnummer"] = $"F-{run}-{Letters(i)}",
        ["Factuurdatum"] = new DateTime(2024, 5, 15).AddDays(i % 300),
        ["Bedrag excl. btw"] = 1_000m + i % 1000 + 0.25m,
    }));

    private static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A row's index in letters (a, b, …, z, ba, …).</summary>
    private static string Letters(int index)
    {
        var letters = new System.Text.StringBuilder();
        do { letters.Insert(0, (char)('a' + index % 26)); index /= 26; } while (index > 0);
        return letters.ToString();
    }
}
