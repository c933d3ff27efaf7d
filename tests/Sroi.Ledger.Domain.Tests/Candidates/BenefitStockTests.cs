using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

/// <summary>Who counts in the benefit stock and the caseload on a date, and in which band (kadernota Werk 2021, uitvoeringsagenda 2023).</summary>
public class BenefitStockTests
{
    [Theory]
    [InlineData("2021-06-26", "2021-06-26", "0-1")]
    [InlineData("2020-06-27", "2021-06-26", "0-1")] // one day short of a year
    [InlineData("2020-06-26", "2021-06-26", "1-2")] // exactly one year: 1-2
    [InlineData("2019-06-27", "2021-06-26", "1-2")]
    [InlineData("2019-06-26", "2021-06-26", "2-3")]
    [InlineData("2018-06-26", "2021-06-26", "3-5")]
    [InlineData("2016-06-27", "2021-06-26", "3-5")]
    [InlineData("2016-06-26", "2021-06-26", "5+")] // exactly five years: more than 5 (the kadernota's "> 5 jaar")
    [InlineData("1990-01-01", "2021-06-26", "5+")]
    [InlineData("2020-02-29", "2021-02-28", "0-1")] // from a leap day: one year on 1 March (as NodaTime's Period counts)
    [InlineData("2020-02-29", "2021-03-01", "1-2")]
    public void A_benefit_is_in_the_band_of_the_whole_years_it_has_run(string since, string asOf, string band) =>
        BenefitDuration.Bands[BenefitDuration.BandOf(Date(since), Date(asOf))].Band.Should().Be(band);

    [Fact]
    public void A_recipient_counts_by_the_act_service_and_trede_in_force_and_the_time_since_the_benefit_started()
    {
        var state = CandidateDecider.Fold([Registered(), new TredeChanged(2, 4, Date("2021-01-01"), "Herbeoordeling"),
            new BenefitActSet(BenefitAct.Ioaw, Date("2021-03-01")), new WspServiceSet(false, Date("2021-04-01"))]);

        BenefitStock.On(state, Date("2020-12-31")).Should().Be(new StockEntry(BenefitAct.Participatiewet, true, 2, 1));
        // The act changed: the benefit's duration runs on from benefitSince (2019-11-01).
        BenefitStock.On(state, Date("2021-03-01")).Should().Be(new StockEntry(BenefitAct.Ioaw, true, 4, 1));
        BenefitStock.On(state, Date("2021-11-01")).Should().Be(new StockEntry(BenefitAct.Ioaw, false, 4, 2));
    }

    [Fact]
    public void Not_counted_before_registration_before_the_benefit_from_its_end_or_without_a_municipal_benefit()
    {
        var registered = CandidateDecider.Fold([Registered()]); // benefit since 2019-11-01, registered 2020-01-06
        BenefitStock.On(registered, Date("2020-01-05")).Should().BeNull();
        BenefitStock.On(CandidateDecider.Fold([Registered(Date("2020-02-01"))]), Date("2020-01-31")).Should().BeNull();
        BenefitStock.On(CandidateDecider.Fold([Registered(), new BenefitEnded(Date("2021-05-01"), BenefitEndReason.WorkIncome)]), Date("2021-05-01"))
            .Should().BeNull();
        BenefitStock.On(CandidateDecider.Fold([Registered(), new BenefitEnded(Date("2021-05-01"), BenefitEndReason.WorkIncome)]), Date("2021-04-30"))
            .Should().NotBeNull();
        BenefitStock.On(CandidateDecider.Fold([RegisteredWithoutBenefit()]), Date("2021-01-01")).Should().BeNull();
        var ww = (CandidateRegistered)CandidateDecider.Decide(Register(group: TargetGroup.Ww), CandidateState.Initial).Single();
        BenefitStock.On(CandidateDecider.Fold([ww]), Date("2021-01-01")).Should().BeNull();
    }

    [Fact]
    public void The_caseload_is_whom_the_wsp_serves_with_or_without_a_benefit()
    {
        var withBenefit = CandidateDecider.Fold([Registered(), new WspServiceSet(false, Date("2021-04-01"))]);
        Caseload.On(withBenefit, Date("2021-03-31")).Should().Be(new CaseloadEntry(2, true));
        Caseload.On(withBenefit, Date("2021-04-01")).Should().BeNull();
        Caseload.On(withBenefit, Date("2020-01-05")).Should().BeNull();

        Caseload.On(CandidateDecider.Fold([RegisteredWithoutBenefit()]), Date("2021-01-01")).Should().Be(new CaseloadEntry(2, false));
        // A benefit that ended does not end the guidance; the client counts without a benefit from then on.
        var ended = CandidateDecider.Fold([Registered(), new BenefitEnded(Date("2021-05-01"), BenefitEndReason.WorkIncome)]);
        Caseload.On(ended, Date("2021-05-01")).Should().Be(new CaseloadEntry(2, false));
        // A benefit that starts after registration: without one until then.
        Caseload.On(CandidateDecider.Fold([Registered(Date("2020-03-01"))]), Date("2020-02-01")).Should().Be(new CaseloadEntry(2, false));
    }

    [Fact]
    public void The_tally_gives_the_kadernotas_table_and_percentages()
    {
        long[] participatiewet = [343, 296, 160, 296, 614];
        long[] ioawIoaz = [9, 20, 12, 17, 20];
        var stock = new List<(StockEntry, long)>();
        for (var band = 0; band < 5; band++)
        {
            stock.Add((new StockEntry(BenefitAct.Participatiewet, band < 2, 2, band), participatiewet[band]));
            stock.Add((new StockEntry(band % 2 == 0 ? BenefitAct.Ioaw : BenefitAct.Ioaz, false, 4, band), ioawIoaz[band]));
        }

        var total = BenefitStockTally.Row(stock, _ => true);
        total.Count.Should().Be(1787);
        total.Bands.Select(b => (b.Band, b.Count, b.Percentage)).Should().Equal(
            ("0-1", 352, 19.7m), ("1-2", 316, 17.7m), ("2-3", 172, 9.6m), ("3-5", 313, 17.5m), ("5+", 634, 35.5m));
        var ioaw = BenefitStockTally.Row(stock, e => e.BenefitAct != BenefitAct.Participatiewet);
        (ioaw.Count, ioaw.Percentage).Should().Be((78, 4.4m));
        ioaw.Bands.Select(b => b.Count).Should().Equal(ioawIoaz);
        // Served: the Participatiewet recipients under two years, of each band and of the whole.
        (total.ServedByWsp, total.ServedPercentage).Should().Be((639, 35.8m));
        (total.Bands[0].ServedByWsp, total.Bands[0].ServedPercentage).Should().Be((343, 97.4m));
        BenefitStockTally.Row(stock, e => e.Trede == 6).Should().BeEquivalentTo(new StockFigures(0, 0m, 0, null,
            [.. BenefitDuration.Bands.Select(b => new BandFigures(b.Band, 0, null, 0, null))]));
    }
}
