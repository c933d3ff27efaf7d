using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Reports;
using Sroi.Ledger.Api.Reports.Periods;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// Every report as CSV, with the values of its JSON: one row per year (a range adds its total row, with an empty
/// <c>jaar</c>), per trede (the total row has an empty <c>trede</c>), or — for the trede flow, whose JSON holds a
/// matrix and a breakdown — one row per figure (<c>cijfer</c>), so nothing of the JSON is left out.
/// </summary>
public static class ReportCsv
{
    private static readonly string[] Kinds = [.. Enum.GetValues<PlacementKind>().Select(CandidateReportTables.Kebab)];
    private static readonly string[] Channels = [.. Enum.GetValues<PlacementChannel>().Select(CandidateReportTables.Kebab)];

    public static readonly CsvTable<PlacementsReport> Placements = new(
    [
        new("gemeente", r => r.Municipality.Value),
        new("jaar", r => CsvWriter.Number(r.Year)),
        new("totaal", r => CsvWriter.Number(r.Total)),
        new("voltijd", r => CsvWriter.Number(r.FullTime)),
        new("deeltijd", r => CsvWriter.Number(r.PartTime)),
        .. Kinds.Select(kind => new CsvColumn<PlacementsReport>($"soort_{kind}", r => CsvWriter.Number(r.ByKind[kind]))),
        .. Channels.Select(channel => new CsvColumn<PlacementsReport>($"kanaal_{channel}", r => CsvWriter.Number(r.ByChannel[channel]))),
        new("via_sroi", r => CsvWriter.Number(r.ViaSroi)),
        new("verschillende_werkgevers", r => CsvWriter.Number(r.DistinctEmployers)),
        new("uitkering_beeindigd_na_plaatsing", r => CsvWriter.Number(r.BenefitEndedAfterPlacement)),
        new("ambitie", r => CsvWriter.Number(r.Ambition)),
        new("ambitie_gehaald", r => CsvWriter.YesNo(r.AmbitionMet)),
        new("verschil", r => CsvWriter.Number(r.Difference)),
    ]);

    public static readonly CsvTable<SroiPlacementsReport> SroiPlacements = new(
    [
        new("gemeente", r => r.Municipality.Value),
        new("jaar", r => CsvWriter.Number(r.Year)),
        new("aantal", r => CsvWriter.Number(r.Count)),
        new("verschillende_werkgevers", r => CsvWriter.Number(r.DistinctEmployers)),
        new("verschillende_contracten", r => CsvWriter.Number(r.DistinctContracts)),
        new("regionaal", r => CsvWriter.Number(r.Regional)),
        new("lokaal", r => CsvWriter.Number(r.Local)),
        new("regionaal_aandeel", r => CsvWriter.Number(r.RegionalShare)),
        new("ambitie", r => CsvWriter.Number(r.Ambition)),
        new("ambitie_gehaald", r => CsvWriter.YesNo(r.AmbitionMet)),
        new("verschil", r => CsvWriter.Number(r.Difference)),
    ]);

    /// <summary>
    /// Issue 21: one member's line of a region's SROI placements (<see cref="Member"/>), or the region's total (null): the
    /// same columns, so a spreadsheet sums the members and finds the total row.
    /// </summary>
    public sealed record RegionRow(RegionSroiPlacementsReport Report, RegionMemberSroiPlacements? Member);

    public static readonly CsvTable<RegionRow> RegionSroiPlacements = new(
    [
        new("regio", r => r.Report.Region),
        new("regio_versie", r => r.Report.RegionVersion),
        new("van", r => r.Report.Period is { } p ? CsvWriter.Date(p.From) : null),
        new("tot_en_met", r => r.Report.Period is { } p ? CsvWriter.Date(p.To) : null),
        new("jaar", r => CsvWriter.Number(r.Report.Year)),
        new("gemeente", r => r.Member?.Municipality),
        new("naam", r => r.Member?.Name ?? r.Report.Name),
        new("aantal", r => CsvWriter.Number(r.Member?.Count ?? r.Report.Count)),
        new("regionaal", r => CsvWriter.Number(r.Member?.Regional ?? r.Report.Regional)),
        new("lokaal", r => CsvWriter.Number(r.Member?.Local ?? r.Report.Local)),
        new("regionaal_aandeel", r => CsvWriter.Number(r.Member is { } m ? m.RegionalShare : r.Report.RegionalShare)),
    ]);

    public static IEnumerable<RegionRow> Rows(RegionSroiPlacementsReport report) =>
        [.. report.Members.Select(m => new RegionRow(report, m)), new RegionRow(report, null)];

    /// <summary>A trede's share, or the total (<see cref="Trede"/> null).</summary>
    public sealed record TredeRow(TredeDistributionReport Report, int? Trede, long Count, decimal? Percentage);

    public static readonly CsvTable<TredeRow> TredeDistribution = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("peildatum", r => CsvWriter.Date(r.Report.AsOf)),
        new("trede", r => CsvWriter.Number(r.Trede)),
        new("aantal", r => CsvWriter.Number(r.Count)),
        new("percentage", r => CsvWriter.Number(r.Percentage)),
    ]);

    /// <summary>One figure of the trede flow: <see cref="Figure"/> names it, the treden say which move or trede it counts.</summary>
    public sealed record FlowRow(TredeFlowReport Report, string Figure, int? From, int? To, long Count);

    public static readonly CsvTable<FlowRow> TredeFlow = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("jaar", r => CsvWriter.Number(r.Report.Year)),
        new("cijfer", r => r.Figure),
        new("van_trede", r => CsvWriter.Number(r.From)),
        new("naar_trede", r => CsvWriter.Number(r.To)),
        new("aantal", r => CsvWriter.Number(r.Count)),
    ]);

    /// <summary>One horizon of the durable placements: the asked one (<c>cijfer</c> duurzaam), then each point of the curve.</summary>
    public sealed record DurableRow(DurablePlacementsReport Report, string Figure, int Months, long Measured, long NotYetMeasurable, long StillWorking,
        decimal? Share, long? FullOutflow, decimal? FullOutflowShare);

    public static readonly CsvTable<DurableRow> DurablePlacements = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("van", r => CsvWriter.Date(r.Report.Period.From)),
        new("tot_en_met", r => CsvWriter.Date(r.Report.Period.To)),
        new("peildatum", r => CsvWriter.Date(r.Report.AsOf)),
        new("cijfer", r => r.Figure),
        new("maanden", r => CsvWriter.Number(r.Months)),
        new("geplaatst", r => CsvWriter.Number(r.Report.Counted)),
        new("nog_niet_meetbaar", r => CsvWriter.Number(r.NotYetMeasurable)),
        new("gemeten", r => CsvWriter.Number(r.Measured)),
        new("nog_aan_het_werk", r => CsvWriter.Number(r.StillWorking)),
        new("aandeel_aan_het_werk", r => CsvWriter.Number(r.Share)),
        new("volledige_uitstroom", r => CsvWriter.Number(r.FullOutflow)),
        new("aandeel_volledige_uitstroom", r => CsvWriter.Number(r.FullOutflowShare)),
        new("regel", r => r.Report.Definition.Rule),
    ]);

    public static IEnumerable<DurableRow> Rows(DurablePlacementsReport report) =>
    [
        new(report, "duurzaam", report.Months, report.Measured, report.NotYetMeasurable, report.StillWorking, report.StillWorkingShare,
            report.FullOutflow, report.FullOutflowShare),
        .. report.Curve.Select(p => new DurableRow(report, "curve", p.Months, p.Measured, p.NotYetMeasurable, p.StillWorking, p.Share, null, null)),
    ];

    /// <summary>
    /// One figure of the benefit stock: <see cref="Row"/> names the table's row (totaal, an act, ioaw-ioaz, trede-N),
    /// <see cref="Band"/> its band (empty: the row's total, whose percentage is of the whole stock).
    /// </summary>
    public sealed record StockRow(BenefitDurationReport Report, string Row, string? Band, long Count, decimal? Percentage, long Served, decimal? ServedPercentage);

    public static readonly CsvTable<StockRow> BenefitDuration = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("peildatum", r => CsvWriter.Date(r.Report.AsOf)),
        new("rij", r => r.Row),
        new("uitkeringsduur", r => r.Band),
        new("aantal", r => CsvWriter.Number(r.Count)),
        new("percentage", r => CsvWriter.Number(r.Percentage)),
        new("bediend_door_wsp", r => CsvWriter.Number(r.Served)),
        new("percentage_bediend_door_wsp", r => CsvWriter.Number(r.ServedPercentage)),
    ]);

    /// <summary>One figure of the caseload: <see cref="Figure"/> names it, <see cref="Trede"/> the trede it counts.</summary>
    public sealed record CaseloadRow(CaseloadReport Report, string Figure, int? Trede, long Count, decimal? Percentage);

    public static readonly CsvTable<CaseloadRow> Caseload = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("peildatum", r => CsvWriter.Date(r.Report.AsOf)),
        new("cijfer", r => r.Figure),
        new("trede", r => CsvWriter.Number(r.Trede)),
        new("aantal", r => CsvWriter.Number(r.Count)),
        new("percentage", r => CsvWriter.Number(r.Percentage)),
    ]);

    // Issue 22: programmes and school leavers. A value that is not there (no from, the total row's school year) is null,
    // an empty field as in every other report: CsvWriter writes "" only for a text recorded empty.

    /// <summary>One figure of a programme report: <c>ingeschreven</c>, <c>beeindigd</c> or an outcome's code (<c>uitkomst</c>).</summary>
    public sealed record ProgrammeRow(ProgrammeReport Report, string Figure, string? Outcome, long Count);

    public static readonly CsvTable<ProgrammeRow> Programme = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("traject", r => r.Report.Programme),
        new("van", r => r.Report.Period.From is { } from ? CsvWriter.Date(from) : null),
        new("tot_en_met", r => r.Report.Period.To is { } to ? CsvWriter.Date(to) : null),
        new("cijfer", r => r.Figure),
        new("uitkomst", r => r.Outcome),
        new("aantal", r => CsvWriter.Number(r.Count)),
    ]);

    public static IEnumerable<ProgrammeRow> Rows(ProgrammeReport report) =>
    [
        new(report, "ingeschreven", null, report.Enrolled),
        new(report, "beeindigd", null, report.EnrolmentsEnded),
        .. report.Outcomes.Select(o => new ProgrammeRow(report, "uitkomst", o.Key, o.Value)),
    ];

    /// <summary>A day activity's count (<see cref="Activity"/> null: without one; the total row names none), per school year or over all (empty).</summary>
    public sealed record SchoolLeaverRow(SchoolLeaversReport Report, string? SchoolYear, string Figure, string? Activity, long Count);

    public static readonly CsvTable<SchoolLeaverRow> SchoolLeavers = new(
    [
        new("gemeente", r => r.Report.Municipality.Value),
        new("peildatum", r => CsvWriter.Date(r.Report.AsOf)),
        new("schooljaar", r => r.SchoolYear),
        new("cijfer", r => r.Figure),
        new("dagactiviteit", r => r.Activity),
        new("aantal", r => CsvWriter.Number(r.Count)),
    ]);

    public static IEnumerable<SchoolLeaverRow> Rows(SchoolLeaversReport report) =>
    [
        .. SchoolYearRows(report, null, report.Total, report.ByActivity, report.WithoutActivity),
        .. report.BySchoolYear.SelectMany(y => SchoolYearRows(report, y.SchoolYear, y.Total, y.ByActivity, y.WithoutActivity)),
    ];

    private static IEnumerable<SchoolLeaverRow> SchoolYearRows(SchoolLeaversReport report, string? year, long total,
        IReadOnlyDictionary<string, long> byActivity, long without) =>
    [
        new(report, year, "totaal", null, total),
        .. byActivity.Select(a => new SchoolLeaverRow(report, year, "dagactiviteit", a.Key, a.Value)),
        new(report, year, "zonder_dagactiviteit", null, without),
    ];

    /// <summary>A computed report as an export (the endpoints' answer, the command line's file).</summary>
    public static CsvExport Export(object report) => report switch
    {
        PlacementsReport year => Result(Placements, [year], $"placements-{year.Municipality}-{Named(year.Year, year.Period)}"),
        PlacementsRangeReport range => Result(Placements, [.. range.Years, range.Total], $"placements-{range.Municipality}-{range.From}-{range.To}"),
        SroiPlacementsReport sroi => Result(SroiPlacements, [sroi], $"sroi-placements-{sroi.Municipality}-{Named(sroi.Year, sroi.Period)}"),
        RegionSroiPlacementsReport region => Result(RegionSroiPlacements, Rows(region), $"sroi-placements-{region.Region}-{Named(region.Year, region.Period)}"),
        TredeDistributionReport distribution => Result(TredeDistribution, Rows(distribution), $"trede-distribution-{distribution.Municipality}-{CsvWriter.Date(distribution.AsOf)}"),
        TredeFlowReport flow => Result(TredeFlow, Rows(flow), $"trede-flow-{flow.Municipality}-{Named(flow.Year, flow.Period)}"),
        DurablePlacementsReport durable => Result(DurablePlacements, Rows(durable),
            $"durable-placements-{durable.Municipality}-{CsvWriter.Date(durable.Period.From)}-{CsvWriter.Date(durable.Period.To)}-{durable.Months}"),
        BenefitDurationReport stock => Result(BenefitDuration, Rows(stock), $"benefit-duration-{stock.Municipality}-{CsvWriter.Date(stock.AsOf)}"),
        CaseloadReport caseload => Result(Caseload, Rows(caseload), $"caseload-{caseload.Municipality}-{CsvWriter.Date(caseload.AsOf)}"),
        // Issue 22: programmes and school leavers.
        ProgrammeReport programme => Result(Programme, Rows(programme), $"programme-{programme.Municipality}-{programme.Programme}"),
        SchoolLeaversReport leavers => Result(SchoolLeavers, Rows(leavers), $"school-leavers-{leavers.Municipality}-{CsvWriter.Date(leavers.AsOf)}"),
        _ => throw new ArgumentException($"No CSV for a {report.GetType().Name}.", nameof(report)),
    };

    /// <summary>
    /// A period in a file's name: the year as before, or its first and last date. The columns stay the year's (their header
    /// is the published one), so the name is where a quarter's or a half-year's file says which period it holds.
    /// </summary>
    private static string Named(int? year, PeriodAnswer? period) =>
        period is { } dates ? $"{CsvWriter.Date(dates.From)}-{CsvWriter.Date(dates.To)}" : $"{year}";

    public static IEnumerable<TredeRow> Rows(TredeDistributionReport report) =>
        [.. report.Treden.Select(t => new TredeRow(report, t.Trede, t.Count, t.Percentage)), new TredeRow(report, null, report.Total, null)];

    public static IEnumerable<FlowRow> Rows(TredeFlowReport report) =>
    [
        new(report, "wijzigingen", null, null, report.Changes),
        new(report, "omhoog", null, null, report.Up),
        new(report, "omlaag", null, null, report.Down),
        .. report.Matrix.Select(m => new FlowRow(report, "overgang", m.From, m.To, m.Count)),
        new(report, "uit_uitkering", null, null, report.OutOfBenefit.Total),
        new(report, "uit_uitkering_werk", null, null, report.OutOfBenefit.WorkIncome),
        new(report, "uit_uitkering_overig", null, null, report.OutOfBenefit.Other),
        .. report.OutOfBenefit.ByTrede.Select(t => new FlowRow(report, "uit_uitkering_per_trede", t.Trede, null, t.Count)),
    ];

    public static IEnumerable<StockRow> Rows(BenefitDurationReport report)
    {
        IEnumerable<StockRow> Of(string row, long count, decimal? percentage, long served, decimal? servedPercentage, IReadOnlyList<BandFigures> bands) =>
        [
            new(report, row, null, count, percentage, served, servedPercentage),
            .. bands.Select(b => new StockRow(report, row, b.Band, b.Count, b.Percentage, b.ServedByWsp, b.ServedPercentage)),
        ];
        IEnumerable<StockRow> Figures(string row, StockFigures f) => Of(row, f.Count, f.Percentage, f.ServedByWsp, f.ServedPercentage, f.Bands);
        return
        [
            .. Figures("totaal", report.Total),
            .. report.ByAct.SelectMany(a => Figures(a.Key, a.Value)),
            .. Figures("ioaw-ioaz", report.IoawIoaz),
            .. report.ByTrede.SelectMany(t => Of($"trede-{t.Trede}", t.Count, t.Percentage, t.ServedByWsp, t.ServedPercentage, t.Bands)),
        ];
    }

    public static IEnumerable<CaseloadRow> Rows(CaseloadReport report) =>
    [
        new(report, "totaal", null, report.Total, null),
        .. report.ByTrede.Select(t => new CaseloadRow(report, "trede", t.Trede, t.Count, t.Percentage)),
        new(report, "met_uitkering", null, report.WithBenefit.Count, report.WithBenefit.Percentage),
        new(report, "zonder_uitkering", null, report.WithoutBenefit.Count, report.WithoutBenefit.Percentage),
    ];

    private static CsvExport Result<TRow>(CsvTable<TRow> table, IEnumerable<TRow> rows, string name) =>
        new($"{name}.csv", (writer, ct) => table.WriteAsync(writer, rows, ct));
}
