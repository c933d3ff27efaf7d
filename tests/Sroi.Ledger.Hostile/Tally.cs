using System.Globalization;
using System.Text;

namespace Sroi.Ledger.Hostile;

/// <summary>
/// The counts of one row of the table: a kind of hostile request within a category. <see cref="Bad"/> is what must be 0:
/// a malformed request or a BSN dodge that was accepted, a probe that leaked. <see cref="Reached"/> (BSN dodges only):
/// requests whose BSN was found in mt_events afterwards. <see cref="EventsByRefused"/>: events appended while a request
/// that was refused (not 2xx) was being answered.
/// </summary>
internal sealed class Tally(string category, string kind)
{
    public string Category { get; } = category;
    public string Kind { get; } = kind;
    public int Requests { get; private set; }
    public int Ok { get; private set; }
    public int ClientErrors { get; private set; }
    public int ServerErrors { get; private set; }
    public int Bad { get; private set; }
    public int? Reached { get; private set; }
    public long EventsByRefused { get; private set; }
    public long Events { get; private set; }

    /// <summary>Every request that did what must not happen (for --details); the table shows the first few.</summary>
    public List<string> Examples { get; } = [];

    public void Count(int status, bool bad, long eventsWritten, string what)
    {
        Requests++;
        if (status is >= 200 and < 300) Ok++;
        else if (status is >= 400 and < 500) ClientErrors++;
        else if (status >= 500) ServerErrors++;
        Bad += bad ? 1 : 0;
        Events += eventsWritten;
        if (status is < 200 or >= 300) EventsByRefused += eventsWritten;
        if (bad || status >= 500 || (status is < 200 or >= 300) && eventsWritten > 0)
            Examples.Add($"{status}{(eventsWritten > 0 ? $" (+{eventsWritten} events)" : "")} {what}");
    }

    public void CountReached() => Reached = (Reached ?? 0) + 1;

    public void ExpectReached() => Reached ??= 0;
}

/// <summary>The rows of a run, printed as one markdown table, a total per category, and the examples.</summary>
internal sealed class Results
{
    private readonly List<Tally> rows = [];

    public Tally Row(string category, string kind)
    {
        var row = rows.FirstOrDefault(r => r.Category == category && r.Kind == kind);
        if (row is null) rows.Add(row = new Tally(category, kind));
        return row;
    }

    public IReadOnlyList<Tally> Rows => rows;

    public string Markdown(string heading, IEnumerable<string> notes)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {heading}").AppendLine();
        text.AppendLine("| category | kind | requests | 2xx | 4xx | 5xx | accepted / leaked (must be 0) | BSN reached mt_events (must be 0) | events written by refused requests (must be 0) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => r.Category))
        {
            foreach (var row in group)
                text.AppendLine(Line(row.Category, row.Kind, row.Requests, row.Ok, row.ClientErrors, row.ServerErrors, row.Bad,
                    row.Reached, row.EventsByRefused, bold: false));
            var reached = group.Any(r => r.Reached is not null) ? group.Sum(r => r.Reached ?? 0) : (int?)null;
            text.AppendLine(Line(group.Key, "**all**", group.Sum(r => r.Requests), group.Sum(r => r.Ok), group.Sum(r => r.ClientErrors),
                group.Sum(r => r.ServerErrors), group.Sum(r => r.Bad), reached, group.Sum(r => r.EventsByRefused), bold: true));
        }
        text.AppendLine();
        foreach (var note in notes) text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        var examples = rows.Where(r => r.Examples.Count > 0).ToList();
        if (examples.Count > 0)
        {
            text.AppendLine().AppendLine("Examples (the first three of each row; all of them with --details FILE):").AppendLine();
            foreach (var row in examples)
                foreach (var example in row.Examples.Take(3))
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {row.Category} / {row.Kind}: `{Code(example)}`");
        }
        return text.ToString();
    }

    /// <summary>Every request that did what must not happen, one a line, for --details.</summary>
    public string Details() =>
        string.Concat(rows.SelectMany(r => r.Examples.Select(e => $"{r.Category} / {r.Kind}: {Code(e)}\n")));

    private static string Line(string category, string kind, int requests, int ok, int client, int server, int bad, int? reached, long byRefused, bool bold)
    {
        string B(object value) => bold ? $"**{value}**" : value.ToString()!;
        return $"| {category} | {kind} | {B(requests)} | {B(ok)} | {B(client)} | {B(server)} | {B(bad)} | {(reached is null ? "—" : B(reached))} | {B(byRefused)} |";
    }

    /// <summary>Printable inside backticks: control and invisible characters as \uXXXX, long texts cut.</summary>
    private static string Code(string text)
    {
        var printable = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value == '`' || rune.Value == '|') printable.Append('\'');
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                printable.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            else printable.Append(rune.ToString());
        }
        var result = printable.ToString();
        return result.Length > 300 ? result[..300] + "…" : result;
    }
}
