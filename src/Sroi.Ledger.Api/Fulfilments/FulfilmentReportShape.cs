using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>
/// A report as JSON, flat with a <c>kind</c>: the request body, the stored payload and the answer share this
/// shape. Only the fields of the report's kind are written; a field of another kind in a request is a 400. The OpenAPI
/// document shows it as one schema per kind (<see cref="FulfilmentReportSchema"/>, from <see cref="FulfilmentReportShapes.Fields"/>).
/// </summary>
public sealed record FulfilmentReportShape(
    [property: Required] FulfilmentKind? Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CandidateNumber? CandidateNumber = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TargetGroup? TargetGroup = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(TextOrNumberJsonConverter))] string? Level = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? HoursPerWeek = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LocalDate? PeriodStart = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LocalDate? PeriodEnd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Age55Plus = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? WorkLimitation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HiredAfterVsoInternship = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SupplierShape? Supplier = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), MaxLength(100)] string? InvoiceNumber = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LocalDate? InvoiceDate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Money? AmountExclVat = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), MaxLength(1000)] string? Description = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Money? Cost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Hours = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LocalDate? Date = null);

public sealed record SupplierShape(
    [property: Required, RegularExpression(KvkNumber.Pattern)] string? KvkNumber,
    [property: Required, MaxLength(200)] string? Name,
    [property: Required] SupplierRecognition? Recognition);

public static class FulfilmentReportShapes
{
    public const decimal MaxHoursPerWeek = 60m;
    public const decimal MaxActivityHours = 10_000m;

    public static FulfilmentReportShape From(FulfilmentReport report) => report switch
    {
        FulfilmentReport.Employment e => Person(FulfilmentKind.Employment, e.Period) with
        {
            TargetGroup = e.TargetGroup, Age55Plus = e.Age55Plus, WorkLimitation = e.WorkLimitation, HiredAfterVsoInternship = e.HiredAfterVsoInternship,
        },
        FulfilmentReport.Internship i => Person(FulfilmentKind.Internship, i.Period) with { Level = KebabNames<InternshipLevel>.NameOf(i.Level) },
        FulfilmentReport.Bbl b => Person(FulfilmentKind.Bbl, b.Period) with
        {
            Level = b.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), Age55Plus = b.Age55Plus, WorkLimitation = b.WorkLimitation,
        },
        FulfilmentReport.WorkExperience w => Person(FulfilmentKind.WorkExperience, w.Period),
        FulfilmentReport.SocialProcurement p => new(FulfilmentKind.SocialProcurement,
            Supplier: new SupplierShape(p.Supplier.KvkNumber.Value, p.Supplier.Name, p.Supplier.Recognition),
            InvoiceNumber: p.InvoiceNumber, InvoiceDate: p.InvoiceDate, AmountExclVat: p.AmountExclVat),
        FulfilmentReport.Training t => new(FulfilmentKind.Training, Description: t.Description, Cost: t.Cost, Date: t.Date),
        FulfilmentReport.SocialActivity a => new(FulfilmentKind.SocialActivity, Description: a.Description, Hours: a.Hours, Date: a.Date),
        _ => throw new ArgumentOutOfRangeException(nameof(report), report.GetType().Name, "Unknown report."),
    };

    /// <summary>The domain report, or null with every bad field named in <paramref name="errors"/>.</summary>
    public static FulfilmentReport? ToReport(FulfilmentReportShape s, FieldErrors errors)
    {
        if (!errors.Required("kind", s.Kind)) return null;
        var kind = s.Kind!.Value;
        RefuseFieldsOfOtherKinds(s, kind, errors);
        FulfilmentReport? report = kind switch
        {
            FulfilmentKind.Employment => Employment(s, errors),
            FulfilmentKind.Internship => Work(s, errors) is var work & InternshipLevelOf(s.Level, errors) is var level && work is not null && level is not null
                ? new FulfilmentReport.Internship(work, level.Value) : null,
            FulfilmentKind.Bbl => Work(s, errors) is var work & BblLevelOf(s.Level, errors) is var mboLevel && work is not null && mboLevel is not null
                ? new FulfilmentReport.Bbl(work, mboLevel.Value, s.Age55Plus ?? false, s.WorkLimitation ?? false) : null,
            FulfilmentKind.WorkExperience => Work(s, errors) is { } work ? new FulfilmentReport.WorkExperience(work) : null,
            FulfilmentKind.SocialProcurement => Purchase(s, errors),
            FulfilmentKind.Training => errors.RequiredText("description", s.Description, 1000) & Amount("cost", s.Cost, errors) is var cost && cost is not null
                ? new FulfilmentReport.Training(s.Description!, cost.Value, s.Date) : null,
            FulfilmentKind.SocialActivity => errors.RequiredText("description", s.Description, 1000) & ActivityHours(s.Hours, errors)
                ? new FulfilmentReport.SocialActivity(s.Description!, s.Hours!.Value, s.Date) : null,
            _ => null,
        };
        return errors.Any ? null : report;
    }

    private static FulfilmentReportShape Person(FulfilmentKind kind, WorkingPeriod period) =>
        new(kind, CandidateNumber: period.Candidate, HoursPerWeek: period.HoursPerWeek, PeriodStart: period.Start, PeriodEnd: period.End);

    private static FulfilmentReport.Employment? Employment(FulfilmentReportShape s, FieldErrors errors)
    {
        var work = Work(s, errors);
        var group = errors.Required("targetGroup", s.TargetGroup);
        return work is null || !group ? null
            : new FulfilmentReport.Employment(work, s.TargetGroup!.Value, s.Age55Plus ?? false, s.WorkLimitation ?? false, s.HiredAfterVsoInternship ?? false);
    }

    /// <summary>The working period, or null when one of its own fields is bad (each named in <paramref name="errors"/>).</summary>
    private static WorkingPeriod? Work(FulfilmentReportShape s, FieldErrors errors)
    {
        var valid = true;
        if (!errors.Required("hoursPerWeek", s.HoursPerWeek)) valid = false;
        else if (s.HoursPerWeek is <= 0 or > MaxHoursPerWeek || decimal.Round(s.HoursPerWeek!.Value, 2) != s.HoursPerWeek)
        {
            errors.Add("hoursPerWeek", $"More than 0, at most {MaxHoursPerWeek}, at most two decimals.");
            valid = false;
        }
        if (!(errors.Required("periodStart", s.PeriodStart) & errors.Required("periodEnd", s.PeriodEnd))) valid = false;
        else if (s.PeriodEnd < s.PeriodStart)
        {
            errors.Add("periodEnd", "The period cannot end before it starts.");
            valid = false;
        }
        return valid ? new WorkingPeriod(s.CandidateNumber, s.HoursPerWeek!.Value, s.PeriodStart!.Value, s.PeriodEnd!.Value) : null;
    }

    private static FulfilmentReport.SocialProcurement? Purchase(FulfilmentReportShape s, FieldErrors errors)
    {
        KvkNumber kvk = default;
        if (s.Supplier is null) errors.Add("supplier", "Required: kvkNumber, name and recognition.");
        else
        {
            if (!KvkNumber.TryParse(s.Supplier.KvkNumber, out kvk))
                errors.Add("supplier.kvkNumber", s.Supplier.KvkNumber is null ? "Required." : "Expected exactly 8 digits.");
            errors.RequiredText("supplier.name", s.Supplier.Name, 200);
            errors.Required("supplier.recognition", s.Supplier.Recognition);
        }
        errors.RequiredText("invoiceNumber", s.InvoiceNumber, 100);
        errors.Required("invoiceDate", s.InvoiceDate);
        var amount = Amount("amountExclVat", s.AmountExclVat, errors);
        return errors.Any ? null : new FulfilmentReport.SocialProcurement(
            new Supplier(kvk, s.Supplier!.Name!, s.Supplier.Recognition!.Value), s.InvoiceNumber!.Trim(), s.InvoiceDate!.Value, amount!.Value);
    }

    /// <summary>Whole cents and the upper bound are checked as the JSON is read (MoneyJsonConverter); here what is left.</summary>
    private static Money? Amount(string field, Money? amount, FieldErrors errors)
    {
        if (!errors.Required(field, amount)) return null;
        if (amount <= Money.Zero) { errors.Add(field, "Must be more than 0."); return null; }
        return amount;
    }

    private static bool ActivityHours(decimal? hours, FieldErrors errors)
    {
        if (!errors.Required("hours", hours)) return false;
        if (hours is > 0 and <= MaxActivityHours && decimal.Round(hours.Value, 2) == hours) return true;
        errors.Add("hours", $"More than 0, at most {MaxActivityHours}, at most two decimals.");
        return false;
    }

    private static InternshipLevel? InternshipLevelOf(string? text, FieldErrors errors)
    {
        if (KebabNames<InternshipLevel>.TryParse(text, out var level)) return level;
        errors.Add("level", text is null ? "Required: mbo, hbo, vso or pro." : "One of mbo, hbo, vso, pro.");
        return null;
    }

    private static int? BblLevelOf(string? text, FieldErrors errors)
    {
        if (int.TryParse(text, out var level) && level is >= 1 and <= 4 && text!.Length == 1) return level;
        errors.Add("level", text is null ? "Required: the mbo level, 1 to 4." : "The mbo level, 1 to 4.");
        return null;
    }

    private static readonly FulfilmentKind[] PersonKinds = [FulfilmentKind.Employment, FulfilmentKind.Internship, FulfilmentKind.Bbl, FulfilmentKind.WorkExperience];

    /// <summary>
    /// Each field of a report: the kinds that have it, and those that require it. The validation refuses a field of another
    /// kind by it, and the OpenAPI document's schema per kind is built from it; what a required field must hold is checked
    /// in <see cref="ToReport"/> (ContractSchemaTests holds the two to each other).
    /// </summary>
    public static IReadOnlyList<(string Name, FulfilmentKind[] Kinds, FulfilmentKind[] RequiredBy)> Fields { get; } =
    [
        ("candidateNumber", PersonKinds, []),
        ("hoursPerWeek", PersonKinds, PersonKinds),
        ("periodStart", PersonKinds, PersonKinds),
        ("periodEnd", PersonKinds, PersonKinds),
        ("targetGroup", [FulfilmentKind.Employment], [FulfilmentKind.Employment]),
        ("hiredAfterVsoInternship", [FulfilmentKind.Employment], []),
        ("age55Plus", [FulfilmentKind.Employment, FulfilmentKind.Bbl], []),
        ("workLimitation", [FulfilmentKind.Employment, FulfilmentKind.Bbl], []),
        ("level", [FulfilmentKind.Internship, FulfilmentKind.Bbl], [FulfilmentKind.Internship, FulfilmentKind.Bbl]),
        ("supplier", [FulfilmentKind.SocialProcurement], [FulfilmentKind.SocialProcurement]),
        ("invoiceNumber", [FulfilmentKind.SocialProcurement], [FulfilmentKind.SocialProcurement]),
        ("invoiceDate", [FulfilmentKind.SocialProcurement], [FulfilmentKind.SocialProcurement]),
        ("amountExclVat", [FulfilmentKind.SocialProcurement], [FulfilmentKind.SocialProcurement]),
        ("description", [FulfilmentKind.Training, FulfilmentKind.SocialActivity], [FulfilmentKind.Training, FulfilmentKind.SocialActivity]),
        ("cost", [FulfilmentKind.Training], [FulfilmentKind.Training]),
        ("hours", [FulfilmentKind.SocialActivity], [FulfilmentKind.SocialActivity]),
        ("date", [FulfilmentKind.Training, FulfilmentKind.SocialActivity], []),
    ];

    private static void RefuseFieldsOfOtherKinds(FulfilmentReportShape s, FulfilmentKind kind, FieldErrors errors)
    {
        var given = new Dictionary<string, bool>
        {
            ["candidateNumber"] = s.CandidateNumber is not null, ["hoursPerWeek"] = s.HoursPerWeek is not null,
            ["periodStart"] = s.PeriodStart is not null, ["periodEnd"] = s.PeriodEnd is not null, ["targetGroup"] = s.TargetGroup is not null,
            ["hiredAfterVsoInternship"] = s.HiredAfterVsoInternship is not null, ["age55Plus"] = s.Age55Plus is not null,
            ["workLimitation"] = s.WorkLimitation is not null, ["level"] = s.Level is not null, ["supplier"] = s.Supplier is not null,
            ["invoiceNumber"] = s.InvoiceNumber is not null, ["invoiceDate"] = s.InvoiceDate is not null,
            ["amountExclVat"] = s.AmountExclVat is not null, ["description"] = s.Description is not null, ["cost"] = s.Cost is not null,
            ["hours"] = s.Hours is not null, ["date"] = s.Date is not null,
        };
        foreach (var (field, kinds, _) in Fields)
            if (given[field] && !kinds.Contains(kind))
                errors.Add(field, $"Not a field of a {KebabNames<FulfilmentKind>.NameOf(kind)} report.");
    }
}
