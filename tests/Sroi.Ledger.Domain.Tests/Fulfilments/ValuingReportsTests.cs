using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Domain.BuildingBlocks;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Fulfilments;

public class ValuingReportsTests
{
    [Fact]
    public void A_quarter_full_time_from_the_Participatiewet_is_a_quarter_of_40000_by_days()
    {
        var valuation = ValueOf(Quarter2Of2024());

        // 91 days (2024-04-01 through 2024-06-30): 40.000 × 91/365 = 9.972,60
        valuation.Value.Should().Be(Euros(9_972.60m));
        valuation.TableVersion.Should().Be("GM0603-bouwblokken-v1");
        valuation.CountedDays.Should().Be(91);
        valuation.Breakdown.Should().ContainSingle().Which.Description.Should()
            .Be("Participatiewet benefit: € 40.000,00 a year × 36/36 hours a week × 91/365 days.");
    }

    [Fact]
    public void Part_time_counts_pro_rata_by_hours_and_more_than_full_time_counts_as_full_time()
    {
        ValueOf(Employment(Work(D(2024, 4, 1), D(2024, 6, 30), hours: 24m))).Value.Should().Be(Euros(6_648.40m)); // × 24/36
        ValueOf(Employment(Work(D(2024, 4, 1), D(2024, 6, 30), hours: 40m))).Value.Should().Be(Euros(9_972.60m));
    }

    [Fact]
    public void Bonuses_for_55_plus_and_a_work_limitation_go_with_the_block()
    {
        var valuation = ValueOf(Employment(Work(D(2024, 4, 1), D(2024, 6, 30)), TargetGroup.Ww, age55Plus: true, workLimitation: true));

        valuation.Breakdown.Select(l => (l.Item, l.Amount)).Should().Equal(
            ("ww", Euros(4_986.30m)), ("bonus-age-55-plus", Euros(2_493.15m)), ("bonus-work-limitation", Euros(2_493.15m)));
        valuation.Value.Should().Be(Euros(9_972.60m));
    }

    [Fact]
    public void The_cap_per_candidate_holds_across_periods_and_the_excess_is_valued_zero()
    {
        // WW counts 12 months = 365 days. First 274 days (2024-01-01 through 2024-09-30, within the grace before the start).
        var first = Reported(Employment(Work(D(2024, 1, 1), D(2024, 9, 30)), TargetGroup.Ww));
        first.Valuation.Value.Should().Be(Euros(15_013.70m));

        // Then 182 days, of which only 91 still count.
        var second = ValueOf(Employment(Work(D(2024, 10, 1), D(2025, 3, 31)), TargetGroup.Ww), first);

        second.CountedDays.Should().Be(91);
        second.ExcessDays.Should().Be(91);
        second.Value.Should().Be(Euros(4_986.30m));
        second.Breakdown.Should().Contain(l => l.Item == "cap" && l.Amount == Money.Zero && l.Description.Contains("91 of the 182 days exceed the cap of 12 months"));
    }

    [Fact]
    public void Another_candidate_has_a_cap_of_their_own_and_banenafspraak_has_none()
    {
        var first = Reported(Employment(Work(D(2024, 1, 1), D(2024, 12, 31)), TargetGroup.Ww));

        ValueOf(Employment(Work(D(2025, 1, 1), D(2025, 3, 31), candidate: Bram), TargetGroup.Ww), first).ExcessDays.Should().Be(0);
        var banen = ValueOf(Employment(Work(D(2025, 1, 1), D(2025, 3, 31)), TargetGroup.Banenafspraak), first);
        banen.ExcessDays.Should().Be(0);
        banen.Value.Should().Be(Euros(12_328.77m)); // 50.000 × 90/365
    }

    [Fact]
    public void Without_a_candidate_number_the_cap_applies_within_the_report_only()
    {
        var anonymous = Work(D(2024, 1, 1), D(2025, 3, 31)) with { Candidate = null };

        var valuation = ValueOf(Employment(anonymous, TargetGroup.Ww));

        valuation.CountedDays.Should().Be(365);
        valuation.ExcessDays.Should().Be(91); // 456 days, 2024 being a leap year
        valuation.Value.Should().Be(Euros(20_000m));
    }

    [Fact]
    public void The_bonus_for_hiring_after_a_vso_internship_is_granted_once_per_candidate()
    {
        var first = Reported(Employment(Work(D(2024, 4, 1), D(2024, 6, 30)), TargetGroup.Banenafspraak, hiredAfterVsoInternship: true));
        first.Valuation.Breakdown.Should().Contain(l => l.Item == "bonus-hired-after-vso-internship" && l.Amount == Euros(25_000m));

        var second = ValueOf(Employment(Work(D(2024, 7, 1), D(2024, 9, 30)), TargetGroup.Banenafspraak, hiredAfterVsoInternship: true), first);

        second.Breakdown.Should().Contain(l => l.Item == "bonus-hired-after-vso-internship" && l.Amount == Money.Zero);
    }

    [Theory]
    [InlineData(InternshipLevel.Mbo, 1_246.58)] // 5.000 × 91/365
    [InlineData(InternshipLevel.Pro, 1_869.86)] // 7.500 × 91/365
    public void Internships_are_valued_by_school_type(InternshipLevel level, decimal euros) =>
        ValueOf(new FulfilmentReport.Internship(Work(D(2024, 4, 1), D(2024, 6, 30)), level)).Value.Should().Be(Euros(euros));

    [Theory]
    [InlineData(2, 6_232.88)] // 25.000 × 91/365
    [InlineData(3, 3_739.73)] // 15.000 × 91/365
    public void Bbl_is_valued_by_level(int level, decimal euros) =>
        ValueOf(new FulfilmentReport.Bbl(Work(D(2024, 4, 1), D(2024, 6, 30)), level, false, false)).Value.Should().Be(Euros(euros));

    [Fact]
    public void A_kind_the_table_has_no_block_for_is_recorded_at_zero_with_the_reason()
    {
        var valuation = ValueOf(new FulfilmentReport.WorkExperience(Work(D(2024, 4, 1), D(2024, 6, 30))));

        valuation.Value.Should().Be(Money.Zero);
        valuation.CountedDays.Should().Be(0);
        valuation.Breakdown.Should().ContainSingle().Which.Description.Should().Contain("has no building block 'work-experience'");
    }

    [Theory]
    [InlineData(SupplierRecognition.CodeSocialeOndernemingen, 12_000.00)]
    [InlineData(SupplierRecognition.SocialEnterpriseNl, 6_000.00)]
    [InlineData(SupplierRecognition.None, 0)]
    public void Social_purchasing_counts_the_share_of_the_invoice_set_for_the_recognition(SupplierRecognition recognition, decimal euros)
    {
        var supplier = new Supplier(KvkNumber.Parse("87654321"), "Sociale Werkplaats B.V.", recognition);

        ValueOf(new FulfilmentReport.SocialProcurement(supplier, "F-2024-17", D(2024, 5, 15), Euros(12_000m))).Value.Should().Be(Euros(euros));
    }

    [Fact]
    public void Training_counts_at_actual_cost_and_social_activity_at_the_tables_hourly_rate()
    {
        ValueOf(new FulfilmentReport.Training("VCA-opleiding", Euros(1_250.50m), null)).Value.Should().Be(Euros(1_250.50m));

        var activity = new FulfilmentReport.SocialActivity("Gastlessen op het vso", 12.5m, D(2024, 5, 1));
        ValueOf(activity).Value.Should().Be(Money.Zero); // Haaglanden 2023 has no value for it
        var withRate = Haaglanden with { SocialActivityPerHour = Euros(100m) };
        ((FulfilmentReported)Report(Contract(), activity, withRate).Single()).Valuation.Value.Should().Be(Euros(1_250m));
    }

    [Fact]
    public void A_value_is_the_sum_of_its_lines_rounded_line_by_line()
    {
        var valuation = ValueOf(Employment(Work(D(2024, 4, 1), D(2024, 4, 30), hours: 17.5m), TargetGroup.Wia, age55Plus: true));

        valuation.Value.Should().Be(valuation.Breakdown.Aggregate(Money.Zero, (sum, l) => sum + l.Amount));
        valuation.Breakdown.Select(l => l.Amount).Should().Equal(Euros(1_198.63m), Euros(399.54m)); // 30.000 and 10.000 × 17,5/36 × 30/365
    }
}

public class RoundingACandidatesReportsTogetherTests
{
    /// <summary>Given 21 monthly reports of one WW candidate (€20.000 a year, capped at 12 months) from 2023-07 to 2025-03.</summary>
    private static List<Valuation> MonthlyReports(decimal hours = 36m)
    {
        var state = Contract();
        var valuations = new List<Valuation>();
        for (var month = D(2023, 7, 1); month < D(2025, 4, 1); month = month.PlusMonths(1))
        {
            var reported = (FulfilmentReported)Report(state, Employment(Work(month, month.PlusMonths(1).PlusDays(-1), hours), TargetGroup.Ww)).Single();
            valuations.Add(reported.Valuation);
            state = Sroi.Ledger.Domain.Contracts.ContractDecider.Evolve(state, reported);
        }
        return valuations;
    }

    [Fact]
    public void Monthly_reports_that_reach_the_cap_add_up_to_the_cap_not_a_cent_more()
    {
        var valuations = MonthlyReports();

        valuations.Should().HaveCount(21);
        // Each month on its own rounds up a little (31 days: 1.698,63 for 1.698,630…): rounded one by one they made 20.000,02.
        valuations.Aggregate(Money.Zero, (sum, v) => sum + v.Value).Should().Be(Euros(20_000m));
        valuations.Sum(v => v.CountedDays).Should().Be(365);
        valuations.Should().OnlyContain(v => v.Value >= Money.Zero);
    }

    [Fact]
    public void Every_report_keeps_its_unrounded_value_and_amounts_stay_within_a_cent_of_it()
    {
        var lines = MonthlyReports(hours: 24m).SelectMany(v => v.Breakdown).Where(l => l.Item == "ww").ToList();

        lines.Should().OnlyContain(l => l.UnroundedCents != null && Math.Abs(l.Amount.Cents - l.UnroundedCents.Value) < 1m);
        // Cumulatively the amounts are the rounded running total: 2/3 of 20.000 for a year = 13.333,33.
        lines.Sum(l => l.Amount.Cents).Should().Be((long)decimal.Round(lines.Sum(l => l.UnroundedCents!.Value), 0, MidpointRounding.AwayFromZero));
        lines.Sum(l => l.Amount.Cents).Should().Be(13_333_33);
    }
}
