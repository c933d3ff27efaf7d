using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>A placement as it finally stands (what the reports must count), and how it was first recorded.</summary>
public sealed class PlannedPlacement(PlannedCandidate candidate, DateOnly start, decimal hours, bool fullTime, string kind, string channel,
    string? employerKvk, (string Id, string Scope)? contract)
{
    public PlannedCandidate Candidate { get; } = candidate;
    public DateOnly Start { get; } = start;
    public decimal Hours { get; } = hours;
    public bool FullTime { get; } = fullTime;
    public string Kind { get; } = kind;
    public string Channel { get; } = channel;
    /// <summary>Null for a self-employed placement: no employer is recorded for it.</summary>
    public string? EmployerKvk { get; } = kind == "self-employed" ? null : employerKvk;
    public (string Id, string Scope)? Contract { get; } = contract;

    /// <summary>The body it was first recorded with; by default exactly the final values.</summary>
    public JsonObject Recorded { get; set; } = null!;

    /// <summary>The correction that brings <see cref="Recorded"/> to the final values, if it was recorded wrongly.</summary>
    public JsonObject? Correction { get; set; }

    public bool Withdrawn { get; set; }
    public DateOnly? EndedOn { get; set; }

    /// <summary>Recorded in the late phase, after placements of later years.</summary>
    public bool Late { get; set; }

    public string Id { get; set; } = "";

    public int Year => Start.Year;

    public JsonObject Body(DateOnly? start = null, decimal? hours = null, bool? fullTime = null, string? channel = null, string? contractId = null)
    {
        var body = new JsonObject
        {
            ["startedOn"] = Iso(start ?? Start),
            ["hoursPerWeek"] = hours ?? Hours,
            ["kind"] = Kind,
            ["channel"] = channel ?? Channel,
        };
        if (EmployerKvk is not null) body["employer"] = new JsonObject { ["kvkNumber"] = EmployerKvk, ["name"] = $"Werkgever {EmployerKvk}" };
        if ((channel ?? Channel) == "sroi") body["sroiContractId"] = contractId ?? Contract!.Value.Id;
        if (fullTime is not null) body["fullTime"] = fullTime;
        return body;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");
}

public sealed class PlannedCandidate(string number, DateOnly registeredOn, int trede, string targetGroup, DateOnly? benefitSince)
{
    public string Number { get; } = number;
    public DateOnly RegisteredOn { get; } = registeredOn;
    public int Trede { get; } = trede;
    public string TargetGroup { get; } = targetGroup;
    public DateOnly? BenefitSince { get; } = benefitSince;
    public List<(int Trede, DateOnly EffectiveOn)> Changes { get; } = [];
    public (DateOnly On, string Reason)? BenefitEnd { get; set; }
    public List<PlannedPlacement> Placements { get; } = [];

    public int TredeOn(DateOnly date) => Changes.Where(c => c.EffectiveOn <= date).Select(c => c.Trede).LastOrDefault(Trede);

    public JsonObject Registration(string municipality)
    {
        var body = new JsonObject
        {
            ["candidateNumber"] = Number,
            ["municipality"] = municipality,
            ["registeredOn"] = PlannedPlacement.Iso(RegisteredOn),
            ["trede"] = Trede,
            ["targetGroup"] = TargetGroup,
        };
        if (BenefitSince is { } since) body["benefitSince"] = PlannedPlacement.Iso(since);
        return body;
    }
}

/// <summary>
/// A history that reproduces the published figures (docs/domain.md, Rijswijk): 1,731 benefit recipients on
/// 2020-12-31 by trede (237/891/41/315/119/128); placements 2018: 365, 2021: 395 (144 fulltime, benefit ended for
/// 277), 2022: 369 (148 fulltime, 278), 2023: 274; SROI 2018: 50, 2021: 76 at 27 employers, 2022: 63 of which 42
/// regional. Mixed in: placements recorded late, recorded wrongly and corrected (another year, fulltime, channel),
/// recorded by mistake and withdrawn, and candidates who must not count in the trede distribution.
/// </summary>
public sealed class PublishedHistory
{
    public static readonly DateOnly AsOf = new(2020, 12, 31);
    private static readonly string[] Kinds = ["regular", "garantiebaan", "beschut-werk", "werkervaringsplaats", "leerwerkplek", "self-employed"];
    private static readonly string[] OtherChannels = ["wsp", "job-market", "temp-agency", "matcher", "other"];
    private static readonly int[] PublishedTreden = [237, 891, 41, 315, 119, 128];

    public List<PlannedCandidate> Candidates { get; } = [];

    public IEnumerable<PlannedPlacement> Placements => Candidates.SelectMany(c => c.Placements);

    public IEnumerable<PlannedPlacement> Counting => Placements.Where(p => !p.Withdrawn);

    public static PublishedHistory Build(IReadOnlyList<string> regionalContracts, IReadOnlyList<string> localContracts)
    {
        var history = new PublishedHistory();
        var random = new Random(4);

        // The 1,731 benefit recipients of 2020-12-31, each with the trede they must be on that day.
        var targets = PublishedTreden.SelectMany((count, i) => Enumerable.Repeat(i + 1, count)).OrderBy(_ => random.Next()).ToArray();
        var recipients = new List<PlannedCandidate>();
        for (var i = 0; i < targets.Length; i++)
        {
            var target = targets[i];
            var registered = new DateOnly(2017, 1, 2).AddDays(i % 360);
            var other = target % 6 + 1;
            var candidate = new PlannedCandidate($"RW-{i:D5}", registered, i % 7 == 0 ? other : target,
                (i % 5) switch { 3 => "ww", 4 => "wia", _ => "participatiewet" }, i % 2 == 0 ? registered.AddDays(-45) : registered);
            // Re-assessed before the date (some on the very day): the changed trede counts.
            if (i % 7 == 0) candidate.Changes.Add((target, i % 14 == 0 ? AsOf : new DateOnly(2019, 5, 1)));
            // Re-assessed after the date: the trede of the date still counts.
            if (i % 11 == 0) candidate.Changes.Add((target % 6 + 1, new DateOnly(2021, 4, 1)));
            recipients.Add(candidate);
        }
        history.Candidates.AddRange(recipients);

        var placed = recipients.OrderBy(_ => random.Next()).ToList();
        var contracts = (Regional: regionalContracts, Local: localContracts);
        history.PlaceYear(2018, placed[..365], fullTime: 365 / 3 + 1, sroi: 50, sroiEmployers: 15, regional: 25, benefitEnded: 0, contracts);
        history.PlaceYear(2021, placed[365..760], fullTime: 144, sroi: 76, sroiEmployers: 27, regional: 38, benefitEnded: 277, contracts);
        history.PlaceYear(2022, placed[760..1129], fullTime: 148, sroi: 63, sroiEmployers: 20, regional: 42, benefitEnded: 278, contracts);
        history.PlaceYear(2023, placed[1129..1403], fullTime: 100, sroi: 20, sroiEmployers: 10, regional: 10, benefitEnded: 50, contracts);

        history.AddCandidatesWhoDoNotCount();
        history.AddMistakes(contracts);
        return history;
    }

    /// <summary>
    /// The year's placements, fulltime first, SROI last; the first <paramref name="benefitEnded"/> candidates leave the
    /// benefit for work on or after the start, the next ones before it or for another reason (they do not count).
    /// </summary>
    private void PlaceYear(int year, List<PlannedCandidate> candidates, int fullTime, int sroi, int sroiEmployers, int regional, int benefitEnded,
        (IReadOnlyList<string> Regional, IReadOnlyList<string> Local) contracts)
    {
        for (var j = 0; j < candidates.Count; j++)
        {
            var candidate = candidates[j];
            var start = new DateOnly(year, 2, 1).AddDays(j % 300);
            var isFullTime = j < fullTime;
            var hours = isFullTime ? (j % 2 == 0 ? 40m : 38m) : (j % 2 == 0 ? 24m : 32m);
            var k = j - (candidates.Count - sroi);
            var placement = k >= 0
                // An SROI placement is work at (or through) the contractor: never self-employed, so it always has an employer.
                ? new PlannedPlacement(candidate, start, hours, isFullTime, Kinds[j % 5], "sroi", $"{20_000_000 + year * 100 + k % sroiEmployers}",
                    k < regional ? ("" + contracts.Regional[k % contracts.Regional.Count], "regional") : (contracts.Local[k % contracts.Local.Count], "local"))
                : new PlannedPlacement(candidate, start, hours, isFullTime, Kinds[j % 6], OtherChannels[j % 5], $"{10_000_000 + j % 150}", null);
            placement.Recorded = placement.Body();
            if (year == 2018 && j % 4 == 0) placement.EndedOn = start.AddDays(200);
            placement.Late = year is 2018 or 2021;
            candidate.Placements.Add(placement);

            // 2018's candidates are among the benefit recipients of 2020-12-31: their benefit runs on.
            if (benefitEnded == 0) continue;
            if (j < benefitEnded) candidate.BenefitEnd = (j % 3 == 0 ? start : start.AddDays(30 + j % 60), "work-income");
            else if (j < benefitEnded + 15) candidate.BenefitEnd = (start.AddDays(-10), "work-income");
            else if (j < benefitEnded + 30) candidate.BenefitEnd = (start.AddDays(5), "other");
        }
    }

    /// <summary>Candidates outside the trede distribution of 2020-12-31, each for its own reason.</summary>
    private void AddCandidatesWhoDoNotCount()
    {
        var early = new DateOnly(2017, 3, 1);
        for (var k = 0; k < 6; k++)
        {
            Candidates.Add(new PlannedCandidate($"NA-{k}", new DateOnly(2021, 2, 1), 3, "participatiewet", new DateOnly(2020, 1, 1))); // registered later
            Candidates.Add(new PlannedCandidate($"NB-{k}", early, 4, "participatiewet", early) { BenefitEnd = (new DateOnly(2020, 6, 30), "other") });
            Candidates.Add(new PlannedCandidate($"NC-{k}", early, 5, "no-benefit", null)); // no benefit at all
            Candidates.Add(new PlannedCandidate($"ND-{k}", early, 2, "ww", new DateOnly(2021, 1, 15))); // benefit started later
            Candidates.Add(new PlannedCandidate($"NE-{k}", early, 1, "participatiewet", early) { BenefitEnd = (AsOf, "work-income") }); // ended that day
        }
    }

    /// <summary>Placements recorded wrongly and corrected, and placements recorded by mistake and withdrawn.</summary>
    private void AddMistakes((IReadOnlyList<string> Regional, IReadOnlyList<string> Local) contracts)
    {
        List<PlannedPlacement> Of(int year) => [.. Placements.Where(p => p.Year == year && !p.Withdrawn).OrderBy(p => p.Start).ThenBy(p => p.Candidate.Number)];
        var (y2021, y2022, y2023) = (Of(2021), Of(2022), Of(2023));

        // Recorded with a start in 2020 (or 2022), corrected into their year: they count in the corrected year only.
        foreach (var p in y2021.Where(p => p.Channel != "sroi").Take(12))
            Correct(p, p.Body(start: new DateOnly(2020, 11, 16)), new JsonObject { ["startedOn"] = PlannedPlacement.Iso(p.Start) });
        foreach (var p in y2023.Skip(100).Take(6))
            Correct(p, p.Body(start: new DateOnly(2022, 6, 1)), new JsonObject { ["startedOn"] = PlannedPlacement.Iso(p.Start) });
        // Recorded as parttime, corrected to fulltime hours (fulltime follows the hours); and the other way round.
        foreach (var p in y2021.Where(p => p.FullTime && p.Correction is null).Take(10))
            Correct(p, p.Body(hours: 24), new JsonObject { ["hoursPerWeek"] = p.Hours });
        foreach (var p in y2022.Where(p => !p.FullTime && p.Channel != "sroi").Take(7))
            Correct(p, p.Body(hours: 40), new JsonObject { ["hoursPerWeek"] = p.Hours });
        // Fulltime set by hand at first, then corrected by hand.
        foreach (var p in y2022.Where(p => p.FullTime).Take(3))
            Correct(p, p.Body(fullTime: false), new JsonObject { ["fullTime"] = true });
        // Found through SROI, first recorded as job-market; and a job-market placement first recorded as SROI.
        foreach (var p in y2022.Where(p => p.Channel == "sroi").Take(5))
            Correct(p, p.Body(channel: "job-market"), new JsonObject { ["channel"] = "sroi", ["sroiContractId"] = p.Contract!.Value.Id });
        foreach (var p in y2021.Where(p => p.Channel == "job-market" && p.Correction is null).Take(4))
            Correct(p, p.Body(channel: "sroi", contractId: contracts.Regional[0]), new JsonObject { ["channel"] = "job-market" });

        var registeredLater = Candidates.Where(c => c.Number.StartsWith("NA-", StringComparison.Ordinal)).ToList();
        var noBenefit = Candidates.Where(c => c.Number.StartsWith("NC-", StringComparison.Ordinal)).ToList();
        for (var k = 0; k < 8; k++)
        {
            // Recorded in 2021, corrected to 2024: counts in 2024.
            var candidate = registeredLater[k % registeredLater.Count];
            var moved = new PlannedPlacement(candidate, new DateOnly(2024, 1, 15).AddDays(k), 36, true, "regular", "wsp", "30000001", null);
            Correct(moved, moved.Body(start: new DateOnly(2021, 3, 1).AddDays(k)), new JsonObject { ["startedOn"] = PlannedPlacement.Iso(moved.Start) });
            candidate.Placements.Add(moved);
        }
        for (var k = 0; k < 21; k++)
        {
            // Recorded by mistake in 2021 and 2022 (one first corrected to 2022), then withdrawn: they count nowhere.
            var candidate = noBenefit[k % noBenefit.Count];
            var mistake = new PlannedPlacement(candidate, new DateOnly(k < 15 ? 2021 : 2022, 4, 1).AddDays(k), 40, true, "regular", "sroi", "30000002",
                (contracts.Local[0], "local")) { Withdrawn = true, Late = k % 2 == 0 };
            mistake.Recorded = mistake.Body();
            if (k == 20) Correct(mistake, mistake.Recorded, new JsonObject { ["startedOn"] = "2022-09-01" });
            candidate.Placements.Add(mistake);
        }
    }

    private static void Correct(PlannedPlacement placement, JsonObject recorded, JsonObject correction)
    {
        placement.Recorded = recorded;
        correction["reason"] = "Verkeerd ingevoerd";
        placement.Correction = correction;
    }
}
