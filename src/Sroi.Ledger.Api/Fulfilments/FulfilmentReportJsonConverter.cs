using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// Stores and answers a report in its flat shape with an explicit <c>kind</c>, so stored events never depend on
/// CLR type names. Reading trusts what was stored (it was validated when it was reported): a rule tightened
/// later must never make an old event unreadable.
/// </summary>
public sealed class FulfilmentReportJsonConverter : JsonConverter<FulfilmentReport>
{
    public override FulfilmentReport Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = JsonSerializer.Deserialize<FulfilmentReportShape>(ref reader, options) ?? throw new JsonException("Expected a report.");
        WorkingPeriod Work() => new(s.CandidateNumber, s.HoursPerWeek!.Value, s.PeriodStart!.Value, s.PeriodEnd!.Value);
        return s.Kind switch
        {
            FulfilmentKind.Employment => new FulfilmentReport.Employment(Work(), s.TargetGroup!.Value,
                s.Age55Plus ?? false, s.WorkLimitation ?? false, s.HiredAfterVsoInternship ?? false),
            FulfilmentKind.Internship => new FulfilmentReport.Internship(Work(),
                KebabNames<InternshipLevel>.TryParse(s.Level, out var level) ? level : throw new JsonException($"Unknown internship level '{s.Level}'.")),
            FulfilmentKind.Bbl => new FulfilmentReport.Bbl(Work(), int.Parse(s.Level!, CultureInfo.InvariantCulture), s.Age55Plus ?? false, s.WorkLimitation ?? false),
            FulfilmentKind.WorkExperience => new FulfilmentReport.WorkExperience(Work()),
            FulfilmentKind.SocialProcurement => new FulfilmentReport.SocialProcurement(
                new Supplier(KvkNumber.Parse(s.Supplier!.KvkNumber!), s.Supplier.Name!, s.Supplier.Recognition!.Value),
                s.InvoiceNumber!, s.InvoiceDate!.Value, s.AmountExclVat!.Value),
            FulfilmentKind.Training => new FulfilmentReport.Training(s.Description!, s.Cost!.Value, s.Date),
            FulfilmentKind.SocialActivity => new FulfilmentReport.SocialActivity(s.Description!, s.Hours!.Value, s.Date),
            _ => throw new JsonException($"Unknown report kind '{s.Kind}'."),
        };
    }

    public override void Write(Utf8JsonWriter writer, FulfilmentReport value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, FulfilmentReportShapes.From(value), options);
}
