using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// A candidate of the benefit-stock and caseload histories: what its registration says (phase 1) and the dated changes
/// recorded after every registration (phase 2), so the reports as known between the phases count the registrations only.
/// </summary>
public sealed class StockCandidate(string number, DateOnly registeredOn, int trede, string targetGroup, DateOnly? benefitSince)
{
    public string Number { get; } = number;
    public DateOnly RegisteredOn { get; } = registeredOn;
    public int Trede { get; } = trede;
    public string TargetGroup { get; } = targetGroup;
    public DateOnly? BenefitSince { get; } = benefitSince;
    public string? RegisteredAct { get; init; }
    public bool? RegisteredServed { get; init; }
    public List<(string Act, DateOnly EffectiveOn)> ActChanges { get; } = [];
    public List<(bool Served, DateOnly EffectiveOn)> ServiceChanges { get; } = [];
    public List<(int Trede, DateOnly EffectiveOn)> TredeChanges { get; } = [];
    public DateOnly? BenefitEnd { get; set; }

    public JsonObject Registration(string municipality)
    {
        var body = new JsonObject
        {
            ["candidateNumber"] = Number, ["municipality"] = municipality, ["registeredOn"] = Iso(RegisteredOn),
            ["trede"] = Trede, ["targetGroup"] = TargetGroup,
        };
        if (BenefitSince is { } since) body["benefitSince"] = Iso(since);
        if (RegisteredAct is not null) body["benefitAct"] = RegisteredAct;
        if (RegisteredServed is not null) body["servedByWsp"] = RegisteredServed;
        return body;
    }

    /// <summary>Phase 2, in effective order per fact: the POSTs after every registration.</summary>
    public IEnumerable<(string Path, JsonObject Body)> Changes() =>
    [
        .. TredeChanges.Select(c => ($"/api/v1/candidates/{Number}/trede-changes",
            new JsonObject { ["trede"] = c.Trede, ["effectiveOn"] = Iso(c.EffectiveOn), ["reason"] = "Herbeoordeling" })),
        .. ActChanges.Select(c => ($"/api/v1/candidates/{Number}/benefit-act", new JsonObject { ["benefitAct"] = c.Act, ["effectiveOn"] = Iso(c.EffectiveOn) })),
        .. ServiceChanges.Select(c => ($"/api/v1/candidates/{Number}/wsp-service", new JsonObject { ["served"] = c.Served, ["effectiveOn"] = Iso(c.EffectiveOn) })),
        .. BenefitEnd is { } end
            ? [($"/api/v1/candidates/{Number}/benefit-end", new JsonObject { ["effectiveOn"] = Iso(end), ["reason"] = "other" })]
            : Array.Empty<(string, JsonObject)>(),
    ];

    // The model: the facts in force on a date, as known after phase 1 (registrations only) or after phase 2 (everything).
    public bool HasBenefitOn(DateOnly date, bool all) =>
        BenefitSince is { } since && since <= date && (!all || BenefitEnd is not { } end || end > date);

    public string ActOn(DateOnly date, bool all) =>
        (all ? ActChanges.Where(c => c.EffectiveOn <= date).Select(c => c.Act).LastOrDefault() : null) ?? RegisteredAct ?? "participatiewet";

    public bool ServedOn(DateOnly date, bool all) =>
        (all ? ServiceChanges.Where(c => c.EffectiveOn <= date).Select(c => (bool?)c.Served).LastOrDefault() : null) ?? RegisteredServed ?? true;

    public int TredeOn(DateOnly date, bool all) =>
        (all ? TredeChanges.Where(c => c.EffectiveOn <= date).Select(c => (int?)c.Trede).LastOrDefault() : null) ?? Trede;

    /// <summary>The band by the documented rule: "N years" once the benefit started on or before asOf's date N years earlier.</summary>
    public string BandOn(DateOnly date)
    {
        bool Years(int n) => BenefitSince!.Value <= date.AddYears(-n);
        return Years(5) ? "5+" : Years(3) ? "3-5" : Years(2) ? "2-3" : Years(1) ? "1-2" : "0-1";
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");
}

/// <summary>
/// Rijswijk's benefit stock by duration (seed 002, kadernota Werk 2021, "Uitkeringsduur" table) on 2020-12-31, and the
/// WSP's caseload (seed 001, uitvoeringsagenda 2023: 589 clients on 26 June 2023, seed 002: 14% without a benefit).
/// </summary>
public static class BenefitStockHistory
{
    public static readonly DateOnly StockOn = new(2020, 12, 31);
    public static readonly DateOnly CaseloadOn = new(2023, 6, 26);

    public static readonly string[] Bands = ["0-1", "1-2", "2-3", "3-5", "5+"];
    public static readonly long[] Participatiewet = [343, 296, 160, 296, 614];
    public static readonly long[] IoawIoaz = [9, 20, 12, 17, 20];

    /// <summary>Served by the WSP per band: 468 of the 668 under two years (70%), 590 of 1.787 (33%).</summary>
    private static readonly int[] Served = [250, 218, 50, 40, 32];

    public static List<StockCandidate> Stock()
    {
        var candidates = new List<StockCandidate>();
        // The first and last start date of each band on 2020-12-31: a benefit of exactly one year (since 2019-12-31) is 1-2,
        // of exactly five years (since 2015-12-31) more than 5.
        (DateOnly First, DateOnly Last)[] starts =
        [
            (new(2020, 1, 1), StockOn), (new(2019, 1, 1), new(2019, 12, 31)), (new(2018, 1, 1), new(2018, 12, 31)),
            (new(2016, 1, 1), new(2017, 12, 31)), (new(2009, 1, 1), new(2015, 12, 31)),
        ];
        var n = 0;
        for (var band = 0; band < Bands.Length; band++)
        {
            var inBand = Participatiewet[band] + IoawIoaz[band];
            var days = starts[band].Last.DayNumber - starts[band].First.DayNumber;
            for (var j = 0; j < inBand; j++)
            {
                n++;
                // j = 0 starts on the band's last day (its edge), the rest spread over the band.
                var since = j == 0 ? starts[band].Last : starts[band].First.AddDays(j * 37 % (days + 1));
                var registered = since < new DateOnly(2016, 1, 4) ? new DateOnly(2016, 1, 4) : since;
                var ioaw = j >= Participatiewet[band];
                var act = ioaw ? (j % 2 == 0 ? "ioaw" : "ioaz") : null;
                var served = j < Served[band];
                var changeOn = Min(registered.AddDays(20), StockOn);
                // Half the acts and the not-served in the registration, half as a dated change; the rest says nothing.
                var c = new StockCandidate($"BS-{n:D5}", registered, 1 + n % 6, "participatiewet", since)
                {
                    RegisteredAct = act is not null && n % 2 == 0 ? act : null,
                    RegisteredServed = !served && n % 3 == 0 ? false : null,
                };
                if (act is not null && n % 2 == 1) c.ActChanges.Add((act, changeOn));
                if (!served && n % 3 != 0) c.ServiceChanges.Add((false, changeOn));
                // Changes after the date change nothing on it.
                if (act is not null && n % 5 == 0) c.ActChanges.Add(("participatiewet", new DateOnly(2021, 3, 1)));
                if (served && n % 7 == 0) c.ServiceChanges.Add((false, new DateOnly(2021, 2, 1)));
                if (n % 11 == 0) c.TredeChanges.Add((1 + (n + 2) % 6, changeOn));
                candidates.Add(c);
            }
        }
        // Participatiewet recipients registered as IOAW who moved back before the date (they count as Participatiewet), and
        // served ones registered as not served whom the WSP took on before the date.
        foreach (var c in candidates.Where(c => c.RegisteredAct is null && c.ActChanges.Count == 0).Take(10).ToList())
        {
            var moved = new StockCandidate(c.Number, c.RegisteredOn, c.Trede, c.TargetGroup, c.BenefitSince)
                { RegisteredAct = "ioaw", RegisteredServed = c.RegisteredServed };
            moved.ActChanges.Add(("participatiewet", Min(c.RegisteredOn.AddDays(10), StockOn)));
            moved.ServiceChanges.AddRange(c.ServiceChanges);
            moved.TredeChanges.AddRange(c.TredeChanges);
            candidates[candidates.IndexOf(c)] = moved;
        }
        foreach (var c in candidates.Where(c => c.RegisteredServed is null && c.ServiceChanges.Count == 0 && c.RegisteredAct is null).Skip(10).Take(10).ToList())
        {
            var taken = new StockCandidate(c.Number, c.RegisteredOn, c.Trede, c.TargetGroup, c.BenefitSince) { RegisteredServed = false };
            taken.ServiceChanges.Add((true, Min(c.RegisteredOn.AddDays(5), StockOn)));
            taken.ActChanges.AddRange(c.ActChanges);
            taken.TredeChanges.AddRange(c.TredeChanges);
            candidates[candidates.IndexOf(c)] = taken;
        }
        // Not in the stock on the date.
        for (var k = 1; k <= 6; k++)
        {
            var early = new DateOnly(2019, 1, 15);
            candidates.Add(new StockCandidate($"BX-A{k}", new DateOnly(2021, 2, 1), 2, "participatiewet", new DateOnly(2020, 1, 1))); // registered later
            candidates.Add(new StockCandidate($"BX-B{k}", early, 3, "participatiewet", early) { BenefitEnd = new DateOnly(2020, 6, 30) }); // ended, recorded late
            candidates.Add(new StockCandidate($"BX-C{k}", early, 4, "participatiewet", early) { BenefitEnd = StockOn }); // ended that day
            candidates.Add(new StockCandidate($"BX-D{k}", early, 2, "ww", early)); // not a municipal benefit
            candidates.Add(new StockCandidate($"BX-E{k}", early, 5, "no-benefit", null));
            candidates.Add(new StockCandidate($"BX-F{k}", early, 2, "participatiewet", new DateOnly(2021, 1, 1)) { RegisteredAct = "ioaz" }); // starts later
        }
        return candidates;
    }

    public static List<StockCandidate> Caseload()
    {
        var candidates = new List<StockCandidate>();
        var registered = new DateOnly(2021, 9, 1);
        string[] groups = ["participatiewet", "participatiewet", "ww", "wia", "participatiewet", "banenafspraak"];
        for (var i = 1; i <= 507; i++)
        {
            var c = new StockCandidate($"CL-{i:D4}", registered.AddDays(i % 400), 1 + i % 6, groups[i % 6], new DateOnly(2020, 1, 1).AddDays(i));
            if (i % 40 == 0) c.ServiceChanges.Add((false, new DateOnly(2023, 7, 1))); // stops after the date: still counted
            if (i % 13 == 0) c.TredeChanges.Add((1 + (i + 3) % 6, new DateOnly(2023, 1, 1)));
            candidates.Add(c);
        }
        // 82 without a benefit on the date (14%): no benefit at all, a benefit that ended before it, one that starts after it.
        for (var i = 1; i <= 60; i++)
            candidates.Add(new StockCandidate($"CN-{i:D3}", registered.AddDays(i), 1 + i % 6, i % 2 == 0 ? "no-benefit" : "young-without-qualification", null));
        for (var i = 1; i <= 12; i++)
            candidates.Add(new StockCandidate($"CE-{i:D3}", registered, 3, "participatiewet", new DateOnly(2021, 1, 1)) { BenefitEnd = new DateOnly(2023, 3, 1) });
        for (var i = 1; i <= 10; i++)
            candidates.Add(new StockCandidate($"CF-{i:D3}", registered, 2, "participatiewet", new DateOnly(2023, 9, 1)));
        // Not guided on the date.
        for (var i = 1; i <= 30; i++)
            candidates.Add(new StockCandidate($"CX-A{i}", registered, 2, "participatiewet", registered) { RegisteredServed = false });
        for (var i = 1; i <= 20; i++)
        {
            var stopped = new StockCandidate($"CX-B{i}", registered, 4, "no-benefit", null);
            stopped.ServiceChanges.Add((false, new DateOnly(2023, 1, 1)));
            candidates.Add(stopped);
        }
        for (var i = 1; i <= 10; i++)
            candidates.Add(new StockCandidate($"CX-C{i}", new DateOnly(2023, 7, 3), 2, "participatiewet", registered)); // registered later
        return candidates;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
