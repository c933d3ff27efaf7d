using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Domain.BuildingBlocks;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>What earlier reports on the same contract used up for this candidate.</summary>
/// <param name="CountedDays">Days already counted for the candidate (reports that still count).</param>
/// <param name="HiredAfterVsoBonusGranted">The one-off bonus was already granted for the candidate on this contract.</param>
/// <param name="ByItem">Per breakdown item, what the candidate's reports that still count were worth unrounded and were allocated.</param>
public sealed record CandidateUsage(int CountedDays, bool HiredAfterVsoBonusGranted, IReadOnlyDictionary<string, ItemTotals> ByItem)
{
    public static CandidateUsage None { get; } = new(0, false, new Dictionary<string, ItemTotals>());

    /// <summary>The usage of the candidate's reports that still count: <paramref name="reports"/>.</summary>
    public static CandidateUsage Of(IReadOnlyCollection<Fulfilment> reports) => new(
        reports.Sum(f => f.Valuation.CountedDays),
        reports.Any(f => f.Valuation.GrantedHiredAfterVsoBonus),
        reports.SelectMany(f => f.Valuation.Breakdown).GroupBy(l => l.Item).ToDictionary(
            g => g.Key,
            g => new ItemTotals(g.Sum(l => l.UnroundedCents ?? l.Amount.Cents), g.Sum(l => l.Amount.Cents))));
}

/// <param name="UnroundedCents">The sum of the lines' values before rounding.</param>
/// <param name="AllocatedCents">The sum of the amounts the lines were given.</param>
public sealed record ItemTotals(decimal UnroundedCents, long AllocatedCents)
{
    public static ItemTotals None { get; } = new(0m, 0);
}

/// <summary>
/// Values a report with a building-block table. Person-based reports: the block's value per person-year,
/// pro rata by hours (the table's full-time week = 1.0; more hours count as full time) and by days (both ends
/// of the period included, a year = 365 days), with the bonuses that go with the block; the candidate counts
/// for at most the block's months on the contract (months × 365 / 12 days) across all their reports, and the
/// days beyond are valued €0. Amounts are rounded half away from zero to the cent. A candidate's pro-rata lines of
/// one item (block or bonus) are rounded together, not each on its own: a line's amount is the rounded sum of its and
/// the earlier lines' unrounded values, less what the earlier lines were given. Twenty-one monthly reports that
/// reach a €20.000 cap so add up to €20.000,00, where rounding each would give €20.000,02.
/// </summary>
public static class FulfilmentValuer
{
    public const int DaysPerYear = 365;

    public static Valuation Value(FulfilmentReport report, BuildingBlockTable table, CandidateUsage usage) => report switch
    {
        FulfilmentReport.Employment e => Person(e.Period, BlockFor(e.TargetGroup), table, usage, e.Age55Plus, e.WorkLimitation, e.HiredAfterVsoInternship),
        FulfilmentReport.Internship i => Person(i.Period,
            i.Level is InternshipLevel.Vso or InternshipLevel.Pro ? BuildingBlockCode.InternshipVsoPro : BuildingBlockCode.InternshipMboHbo,
            table, usage, false, false, false),
        FulfilmentReport.Bbl b => Person(b.Period,
            b.Level <= 2 ? BuildingBlockCode.BblLevel2OrLower : BuildingBlockCode.BblLevel3OrHigher, table, usage, b.Age55Plus, b.WorkLimitation, false),
        FulfilmentReport.WorkExperience w => Person(w.Period, BuildingBlockCode.WorkExperience, table, usage, false, false, false),
        FulfilmentReport.SocialProcurement p => Single(table, ValuationItems.SocialProcurement,
            p.AmountExclVat.Percent(table.ShareFor(p.Supplier.Recognition)),
            $"Invoice {p.InvoiceNumber} of {p.Supplier.Name} ({Name(p.Supplier.Recognition)}): " +
            $"{table.ShareFor(p.Supplier.Recognition)}% of {p.AmountExclVat} excl. VAT counts."),
        FulfilmentReport.Training t => Single(table, ValuationItems.Training, t.Cost, $"Training or extra coaching at actual cost: {t.Cost}."),
        FulfilmentReport.SocialActivity a => table.SocialActivityPerHour is { } rate
            ? Single(table, ValuationItems.SocialActivity, new Money(Round(rate.Cents * a.Hours)), $"{a.Hours} hours × {rate} an hour.")
            : Single(table, ValuationItems.SocialActivity, Money.Zero,
                $"Table {table.Id} has no value for social activities: {a.Hours} hours recorded, valued {Money.Zero}."),
        _ => throw new ArgumentOutOfRangeException(nameof(report), report.GetType().Name, "Unknown report."),
    };

    public static BuildingBlockCode BlockFor(TargetGroup group) => group switch
    {
        TargetGroup.Participatiewet => BuildingBlockCode.Participatiewet,
        TargetGroup.Ww => BuildingBlockCode.Ww,
        TargetGroup.Wia => BuildingBlockCode.Wia,
        TargetGroup.Banenafspraak => BuildingBlockCode.Banenafspraak,
        TargetGroup.NoBenefit => BuildingBlockCode.NoBenefit,
        TargetGroup.YoungWithoutQualification => BuildingBlockCode.YoungWithoutQualification,
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    /// <summary>A cap in months as days: 12 months = 365 days, 24 = 730, 36 = 1,095.</summary>
    public static int CapDays(int capMonths) => capMonths * DaysPerYear / 12;

    private static Valuation Person(
        WorkingPeriod period, BuildingBlockCode code, BuildingBlockTable table, CandidateUsage usage,
        bool age55Plus, bool workLimitation, bool hiredAfterVsoInternship)
    {
        if (table.Block(code) is not { } block)
            return Single(table, ValuationItems.NoBlock, Money.Zero,
                $"Table {table.Id} has no building block '{Item(code)}' ({Describe(code)}): {period.Days} days recorded, valued {Money.Zero}.");

        var days = period.Days;
        var counted = block.CapMonths is { } months ? Math.Clamp(CapDays(months) - usage.CountedDays, 0, days) : days;
        var hours = Math.Min(period.HoursPerWeek, table.HoursPerFullTimeWeek);
        var share = $"{Hours(period.HoursPerWeek, table.HoursPerFullTimeWeek)} × {counted}/{DaysPerYear} days";
        ValuationLine Prorated(string item, string description, Money perYear) =>
            Allocated(item, description, perYear.Cents * hours / table.HoursPerFullTimeWeek * counted / DaysPerYear, usage);

        var lines = new List<ValuationLine>
        {
            Prorated(Item(code), $"{Describe(code)}: {block.ValuePerYear} a year × {share}.", block.ValuePerYear),
        };
        if (age55Plus)
            lines.Add(Prorated(ValuationItems.Age55Plus, $"Bonus age 55 and over: {table.Bonuses.Age55Plus} a year × {share}.", table.Bonuses.Age55Plus));
        if (workLimitation)
            lines.Add(Prorated(ValuationItems.WorkLimitation, $"Bonus work limitation: {table.Bonuses.WorkLimitation} a year × {share}.",
                table.Bonuses.WorkLimitation));
        if (hiredAfterVsoInternship)
            lines.Add(HiredAfterVsoBonus(period, table, usage));
        if (counted < days)
            lines.Add(new(ValuationItems.Cap,
                $"{days - counted} of the {days} days exceed the cap of {block.CapMonths} months ({CapDays(block.CapMonths!.Value)} days) " +
                $"for {(period.Candidate is { } c ? $"candidate {c}" : "this candidate")} on this contract " +
                $"({usage.CountedDays} days counted before): valued {Money.Zero}.", Money.Zero));

        return new Valuation(Sum(lines), table.Id, lines, counted, days - counted);
    }

    /// <summary>
    /// The line's amount when it is rounded together with the candidate's earlier lines of the same item; never below
    /// zero (after an earlier report was withdrawn the others may hold a cent more than their rounded sum).
    /// </summary>
    private static ValuationLine Allocated(string item, string description, decimal unroundedCents, CandidateUsage usage)
    {
        var unrounded = decimal.Round(unroundedCents, 6, MidpointRounding.AwayFromZero);
        var before = usage.ByItem.GetValueOrDefault(item, ItemTotals.None);
        var amount = Math.Max(0, Round(before.UnroundedCents + unrounded) - before.AllocatedCents);
        if (amount != Round(unrounded))
            description += $" Rounded together with the candidate's earlier reports ({new Money(before.AllocatedCents)} before), so that they add up.";
        return new ValuationLine(item, description, new Money(amount)) { UnroundedCents = Normalised(unrounded) };
    }

    /// <summary>Without trailing zeros, so that the event reads 664840.5 rather than 664840.500000.</summary>
    private static decimal Normalised(decimal value) => value / 1.000000000000000000000000000000000m;

    private static ValuationLine HiredAfterVsoBonus(WorkingPeriod period, BuildingBlockTable table, CandidateUsage usage)
    {
        const string item = ValuationItems.HiredAfterVsoInternship;
        if (period.Candidate is null)
            return new(item, "Bonus hired after a vso/PrO internship: needs a candidate number, so that it is granted once; valued € 0,00.", Money.Zero);
        if (usage.HiredAfterVsoBonusGranted)
            return new(item, $"Bonus hired after a vso/PrO internship: already granted for candidate {period.Candidate} on this contract.", Money.Zero);
        return new(item, $"Bonus hired after a vso/PrO internship, once: {table.Bonuses.HiredAfterVsoInternship}.", table.Bonuses.HiredAfterVsoInternship);
    }

    private static Valuation Single(BuildingBlockTable table, string item, Money amount, string description) =>
        new(amount, table.Id, [new ValuationLine(item, description, amount)], 0, 0);

    private static Money Sum(IEnumerable<ValuationLine> lines) => lines.Aggregate(Money.Zero, (sum, line) => sum + line.Amount);

    private static long Round(decimal cents) => (long)decimal.Round(cents, 0, MidpointRounding.AwayFromZero);

    private static string Hours(decimal hours, decimal fullTime) =>
        hours > fullTime ? $"{hours} hours a week (counted as {fullTime}/{fullTime})" : $"{hours}/{fullTime} hours a week";

    /// <summary>The stable item name of a block's breakdown line, as the API spells the block.</summary>
    public static string Item(BuildingBlockCode code) => code switch
    {
        BuildingBlockCode.Participatiewet => "participatiewet",
        BuildingBlockCode.Ww => "ww",
        BuildingBlockCode.Wia => "wia",
        BuildingBlockCode.Banenafspraak => "banenafspraak",
        BuildingBlockCode.NoBenefit => "no-benefit",
        BuildingBlockCode.YoungWithoutQualification => "young-without-qualification",
        BuildingBlockCode.InternshipMboHbo => "internship-mbo-hbo",
        BuildingBlockCode.InternshipVsoPro => "internship-vso-pro",
        BuildingBlockCode.BblLevel2OrLower => "bbl-level2-or-lower",
        BuildingBlockCode.BblLevel3OrHigher => "bbl-level3-or-higher",
        BuildingBlockCode.WorkExperience => "work-experience",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    private static string Describe(BuildingBlockCode code) => code switch
    {
        BuildingBlockCode.Participatiewet => "Participatiewet benefit",
        BuildingBlockCode.Ww => "WW benefit",
        BuildingBlockCode.Wia => "WIA benefit",
        BuildingBlockCode.Banenafspraak => "Banenafspraak",
        BuildingBlockCode.NoBenefit => "Jobseeker without benefit",
        BuildingBlockCode.YoungWithoutQualification => "Young person without basic qualification",
        BuildingBlockCode.InternshipMboHbo => "Intern mbo/hbo",
        BuildingBlockCode.InternshipVsoPro => "Intern vso/PrO",
        BuildingBlockCode.BblLevel2OrLower => "BBL level 2 or lower",
        BuildingBlockCode.BblLevel3OrHigher => "BBL level 3 or higher",
        BuildingBlockCode.WorkExperience => "Work-experience place",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    private static string Name(SupplierRecognition recognition) => recognition switch
    {
        SupplierRecognition.CodeSocialeOndernemingen => "in the Code Sociale Ondernemingen register",
        SupplierRecognition.SocialEnterpriseNl => "member of Social Enterprise NL",
        _ => "not recognised as a social enterprise",
    };
}
