using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Worklist;

/// <summary>
/// A contract's reports awaiting review as the worklist needs them, kept in the duplicated column <c>pending_reports</c>
/// of the contract's row (<see cref="Contracts.ContractDocument.PendingReports"/>): SQL unnests it into one item per report
/// and orders on <c>reportedOn</c>; the page's items take kind and value from it, so no document is read for its reports.
/// A handful of entries at most (what a contractor reported and the WSP has not yet reviewed), written with the document.
/// </summary>
public static class PendingReports
{
    public const string Empty = "[]";

    public static string Json(IEnumerable<PendingReport> pending)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var report in pending)
            {
                json.WriteStartObject();
                json.WriteString("id", report.Id);
                json.WriteString("reportedOn", LocalDatePattern.Iso.Format(report.ReportedOn));
                json.WriteString("kind", Enum.GetName(report.Kind));
                json.WriteNumber("valueCents", report.Value.Cents);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// One entry as SQL hands it back: from the column (<c>jsonb_array_elements</c>), or made from a report document of a
    /// contract without its list (WorklistQuery), whose kind is the stored report's (kebab-case, as every stored enum).
    /// </summary>
    public static PendingReport Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var kind = root.GetProperty("kind").GetString()!;
        return new PendingReport(root.GetProperty("id").GetGuid(),
            LocalDatePattern.Iso.Parse(root.GetProperty("reportedOn").GetString()!).Value,
            Sroi.Ledger.Api.Json.KebabNames<FulfilmentKind>.TryParse(kind, out var stored) ? stored : Enum.Parse<FulfilmentKind>(kind),
            new Money(root.GetProperty("valueCents").GetInt64()));
    }
}
