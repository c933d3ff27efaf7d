using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions.Execution;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using NpgsqlTypes;
using Sroi.Ledger.Api.Admin.RebuildingProjections;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Candidates.ReportRows;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using Xunit.Abstractions;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>
/// The rebuild's in-memory fold (<see cref="CandidateRowsFold"/>) held to the rule it copies, the projection's statements
/// (<see cref="CandidateReportTables"/>), which ran inline as each history was written: for many random candidate histories,
/// each written through the API (one event an append, every write the decider accepts) or copied into a fresh stream in a few
/// appends (a whole history, or runs of it, recorded at one instant), every row of every report table the fold makes must be a
/// row the statements left, and no other. Random but reproducible: the seed is <see cref="Seed"/> unless SROI_FOLD_SEED names
/// another, and every failure message names it.
/// </summary>
[Collection(ApiCollection.Name)]
public class CandidateRowsFoldTests(LedgerApi api, ITestOutputHelper output)
{
    public const int Seed = 20260523;

    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9783";

    /// <summary>Histories written through the API; about a quarter of them are then copied in a few appends.</summary>
    private const int WrittenCandidates = 48;

    private const int CopiedCandidates = 12;

    /// <summary>No date after it: the decider refuses what has not happened yet.</summary>
    private static readonly LocalDate Today = new(2024, 12, 31);

    private static readonly Programme[] Programmes =
    [
        new("fold-doorlopend", new LocalDate(2018, 1, 1), null, ["first-talk", "activated", "to-work"]),
        new("fold-tijdelijk", new LocalDate(2019, 6, 1), new LocalDate(2023, 12, 31), ["first-talk", "more-hours"]),
    ];

    [Fact]
    public async Task The_fold_in_memory_makes_exactly_the_rows_the_projections_statements_left_for_random_histories()
    {
        var seed = Environment.GetEnvironmentVariable("SROI_FOLD_SEED") is { Length: > 0 } given ? int.Parse(given, CultureInfo.InvariantCulture) : Seed;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var wsp = await api.ClientAsync("wsp", Municipality);
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        string[] contracts = [await inkoop.ContractAsync("regional", ownPercentage: true), await inkoop.ContractAsync("local", ownPercentage: true)];
        foreach (var programme in Programmes)
        {
            var body = new JsonObject
            {
                ["municipality"] = Municipality, ["code"] = programme.Code, ["name"] = programme.Code, ["startsOn"] = Iso(programme.Starts),
                ["outcomes"] = new JsonArray([.. programme.Outcomes.Select(o => (JsonNode)o)]),
            };
            if (programme.Ends is { } ends) body["endsOn"] = Iso(ends);
            await (await wsp.PostJsonAsync("/api/v1/programmes", body)).ShouldBeAsync(HttpStatusCode.Created);
        }

        // Histories through the API: each operation one request, the decider's rules in force; a refusal (4xx) is skipped.
        var tally = new Tally(seed);
        var histories = new List<History>();
        for (var i = 0; i < WrittenCandidates; i++)
            if (await WriteAsync(wsp, random, $"FOLD-{i:D3}-{Letters(random)}", contracts, tally) is { } history)
                histories.Add(history);

        // The same histories (their events, each candidate's own number and placement ids) appended to fresh streams in a few
        // appends: the whole history at once (as a migration loads it), or its start at once and the rest in runs of 1 to 4.
        var sources = histories.Where(h => h.Events >= 4).ToList();
        var copies = new List<string>();
        for (var i = 0; i < CopiedCandidates && sources.Count > 0; i++)
        {
            var source = sources[random.Next(sources.Count)];
            sources.Remove(source);
            copies.Add(await CopyAsync(source.Number, $"FOLDC-{i:D3}-{Letters(random)}", random, tally));
        }
        var written = clock.Elapsed;

        // Every candidate's events folded in memory, against its rows in every table.
        string[] numbers = [.. histories.Select(h => h.Number), .. copies];
        var events = await EventsAsync(numbers);
        var held = await RowsAsync(numbers);
        var differences = new List<string>();
        var rowsCompared = ReportTables.All.ToDictionary(t => t, _ => 0);
        var closedRows = ReportTables.All.ToDictionary(t => t, _ => 0);
        using (new AssertionScope())
        {
            foreach (var number in numbers)
            {
                var history = events[number];
                history.Should().NotBeEmpty($"seed {seed}: candidate {number} has a stream");
                var made = CandidateRowsFold.Fold(MunicipalityCode.Parse(Municipality), CandidateNumber.Parse(number),
                    history.Select(e => ((ICandidateEvent)e.Data, e.Version, e.Timestamp)));
                foreach (var table in ReportTables.All)
                {
                    var ours = made[table];
                    var theirs = held[table].GetValueOrDefault(number) ?? [];
                    rowsCompared[table] += theirs.Count;
                    closedRows[table] += theirs.Count(r => (DateTime)r[table.Until]! != DateTime.MaxValue);
                    var because = $"seed {seed}: the fold makes the rows the statements left in {table.Name} for candidate {number}, whose events were:\n" +
                                  Describe(history);
                    // Each value of the type the COPY writes for its column, as the table's reader reads it.
                    foreach (var row in ours)
                        row.Select(v => v?.GetType()).Zip(table.Columns, (type, column) => type is null || type == ClrTypeOf(column.Type))
                            .Should().AllBeEquivalentTo(true, $"{because}\nrow {Show(table, row)} has a value of another type than its column");
                    var same = SameMultiset(table, ours, theirs);
                    if (!same) differences.Add($"{table.Name} of {number}");
                    CandidateRowsWrite.SameRows(ours, theirs).Should().Be(same, $"{because}\nthe rebuild's comparison (CandidateRowsWrite.SameRows) agrees with this test's");
                    // Every pair asserted; of those that differ, the first ten shown row by row (the list below names them all).
                    if (same || differences.Count <= 10)
                        theirs.Select(r => Show(table, r)).Should().BeEquivalentTo(ours.Select(r => Show(table, r)), because);
                }
            }

            // Printed before the scope reports what failed (run with --logger "console;verbosity=detailed" to see it).
            output.WriteLine($"seed {seed}: {numbers.Length} candidates ({histories.Count} through the API, {copies.Count} copied), " +
                             $"written in {written.TotalSeconds:0.0} s, compared by {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(tally.ToString());
            foreach (var table in ReportTables.All)
                output.WriteLine($"  {table.Name}: {rowsCompared[table]} rows compared, {closedRows[table]} of them closed");
            output.WriteLine(differences.Count == 0 ? "no differences" : $"differences: {string.Join("; ", differences)}");
            differences.Should().BeEmpty($"seed {seed}: the fold equals the statements for every candidate and table");
        }

        // Not vacuous: most operations were accepted, and the histories filled every table, with closed versions where they change.
        tally.Accepted.Should().BeGreaterThan(tally.Sent * 3 / 4, $"seed {seed}: most operations are accepted, so the histories are long ({tally})");
        tally.Sent.Should().BeGreaterThan(numbers.Length * 8, $"seed {seed}: the histories are long");
        foreach (var kind in Tally.Kinds)
            tally.AcceptedOf(kind).Should().BeGreaterThan(0, $"seed {seed}: the histories hold a {kind} ({tally})");
        // School leavers have one row at most (their registration's); every other table several a candidate.
        foreach (var table in ReportTables.All)
            rowsCompared[table].Should().BeGreaterThan(table == ReportTables.SchoolLeaversTable ? 5 : numbers.Length / 4, $"seed {seed}: the histories fill {table.Name}");
        foreach (var table in new[] { ReportTables.PlacementsTable, ReportTables.SpellsTable, ReportTables.StatusPiecesTable, ReportTables.TredenTable,
                     ReportTables.CandidatesTable, ReportTables.OutcomesTable, ReportTables.BenefitActsTable, ReportTables.WspServiceTable,
                     ReportTables.EnrolmentsTable, ReportTables.DayActivitiesTable })
            closedRows[table].Should().BeGreaterThan(0, $"seed {seed}: the histories change rows of {table.Name}, closing versions");
        // Spells joined (two placements of a candidate in one spell: the same last day) and split (two spells of a candidate),
        // as known at some instant of its history.
        var spells = held[ReportTables.SpellsTable].Values.Select(rows => rows.Select(r => (DateTime)r[^2]!).Distinct()
            .Select(at => rows.Where(r => (DateTime)r[^2]! <= at && at < (DateTime)r[^1]!).Select(r => (DateOnly)r[5]!).ToList()).ToList()).ToList();
        spells.Count(c => c.Any(known => known.Count != known.Distinct().Count())).Should().BeGreaterThan(2, $"seed {seed}: placements join into one spell");
        spells.Count(c => c.Any(known => known.Distinct().Count() > 1)).Should().BeGreaterThan(2, $"seed {seed}: a candidate's placements make several spells");
        // Histories with several events recorded at one instant (one append), whose rows made earlier in it are changed where they stand.
        events.Values.Count(h => h.GroupBy(e => e.Timestamp).Any(g => g.Count() >= 4))
            .Should().BeGreaterThanOrEqualTo(CopiedCandidates / 2, $"seed {seed}: several events of a candidate are recorded in one append");
    }

    /// <summary>
    /// Given an outcome recorded and withdrawn in the append that started the stream, and another recorded then and withdrawn
    /// in a later append; when folded, then the first leaves no row (no instant knew it) and the second a row known from the
    /// first append until the withdrawal: OutcomeWithdrawnDeleted and OutcomeWithdrawnClosed.
    /// </summary>
    [Fact]
    public void An_outcome_withdrawn_in_the_append_that_recorded_it_leaves_no_row_and_one_withdrawn_later_a_closed_one()
    {
        var (municipality, number) = (MunicipalityCode.Parse(Municipality), CandidateNumber.Parse("FOLD-G-1"));
        var (first, second) = (new DateTimeOffset(2024, 2, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 1, 9, 0, 1, TimeSpan.Zero));
        (ICandidateEvent, long, DateTimeOffset)[] events =
        [
            (new CandidateRegistered(number, municipality, new LocalDate(2023, 1, 2), 2, TargetGroup.Participatiewet, null), 1, first),
            (new EnrolledInProgramme("meedoen", new LocalDate(2023, 2, 1)), 2, first),
            (new ProgrammeOutcomeRecorded("meedoen", "first-talk", new LocalDate(2023, 2, 1)), 3, first),
            (new ProgrammeOutcomeWithdrawn("meedoen", "first-talk", new LocalDate(2023, 2, 1), "Vergissing"), 4, first),
            (new ProgrammeOutcomeRecorded("meedoen", "activated", new LocalDate(2023, 3, 1)), 5, first),
            (new ProgrammeOutcomeWithdrawn("meedoen", "activated", new LocalDate(2023, 3, 1), "Vergissing"), 6, second),
        ];

        var rows = CandidateRowsFold.Fold(municipality, number, events)[ReportTables.OutcomesTable];

        rows.Select(r => Show(ReportTables.OutcomesTable, r)).Should().Equal(
            $"municipality={Municipality} | candidate_number=FOLD-G-1 | seq=5 | programme=meedoen | outcome=activated | reached_on=2023-03-01 | " +
            "recorded_from=2024-02-01T09:00:00.000000 | recorded_until=2024-02-01T09:00:01.000000");
    }

    // ---- Writing histories ----------------------------------------------------------------------------------------------

    /// <summary>One random candidate through the API: its registration, then 4 to 24 operations. Null when the registration was refused.</summary>
    private async Task<History?> WriteAsync(HttpClient wsp, Random random, string number, string[] contracts, Tally tally)
    {
        var model = new Model(number, Between(random, new LocalDate(2018, 1, 1), new LocalDate(2022, 12, 31)));
        if (!await SendAsync(wsp, Registering(model, random), tally)) return null;
        var operations = random.Next(4, 25);
        for (var i = 0; i < operations; i++)
        {
            Operation? operation = null;
            for (var attempt = 0; attempt < 20 && operation is null; attempt++)
                operation = Next(model, random, contracts);
            if (operation is not null) await SendAsync(wsp, operation, tally);
        }
        return new History(number, model.Events);
    }

    private async Task<bool> SendAsync(HttpClient wsp, Operation operation, Tally tally)
    {
        using var response = await wsp.PostJsonAsync(operation.Url, operation.Body);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        status.Should().BeLessThan(500, $"seed {tally.Seed}: {operation.Kind} {operation.Url} {operation.Body.ToJsonString()} answered {text}");
        var accepted = status is >= 200 and < 300;
        tally.Count(operation.Kind, accepted, accepted ? null : JsonNode.Parse(text)?["code"]?.GetValue<string>() ?? status.ToString(CultureInfo.InvariantCulture));
        if (accepted) operation.Accepted(JsonNode.Parse(text)!);
        return accepted;
    }

    /// <summary>
    /// A candidate's events copied into a fresh stream of <paramref name="number"/> (its placements under new ids), in appends
    /// of several events each: all at once, or the start at once and runs of 1 to 4 after it.
    /// </summary>
    private async Task<string> CopyAsync(string source, string number, Random random, Tally tally)
    {
        var municipality = MunicipalityCode.Parse(Municipality);
        var ids = new Dictionary<Guid, Guid>();
        Guid Id(Guid id) => ids.TryGetValue(id, out var copy) ? copy : ids[id] = Guid.CreateVersion7();
        List<ICandidateEvent> copied = [.. (await EventsAsync([source]))[source].Select(e => (ICandidateEvent)e.Data switch
        {
            CandidateRegistered r => r with { CandidateNumber = CandidateNumber.Parse(number) },
            PlacementRecorded p => p with { PlacementId = Id(p.PlacementId) },
            PlacementEnded p => p with { PlacementId = Id(p.PlacementId) },
            PlacementCorrected p => p with { PlacementId = Id(p.PlacementId) },
            PlacementWithdrawn p => p with { PlacementId = Id(p.PlacementId) },
            PlacementEndCorrected p => p with { PlacementId = Id(p.PlacementId) },
            var other => other,
        })];
        var ledger = api.Services.GetRequiredService<LedgerEvents>();
        var stream = CandidateEventTypes.StreamOf(municipality, CandidateNumber.Parse(number));
        var start = random.NextDouble() < 0.4 ? copied.Count : random.Next(2, copied.Count + 1);
        for (var version = 0; version < copied.Count;)
        {
            var run = copied.Skip(version).Take(version == 0 ? start : random.Next(1, 5)).ToList();
            await ledger.AppendAsync(new AppendRequest(municipality, stream, version, [.. run], new EventMetadata("wsp:fold-test", "fold-test")));
            tally.Count($"append of {(version == 0 ? "a start" : "a run")}", true, null);
            version += run.Count;
        }
        return number;
    }

    private static Operation Registering(Model m, Random r)
    {
        var trede = r.Next(1, 7);
        var roll = r.NextDouble();
        (string Group, LocalDate? Since) registered = roll switch
        {
            < 0.6 => ("participatiewet", (LocalDate?)Clamp(m.Registered.PlusDays(r.Next(-600, 60)), new LocalDate(2017, 1, 1), Today)),
            < 0.7 => ("participatiewet", null),
            < 0.8 => ("ww", m.Registered.PlusDays(-r.Next(0, 300))),
            < 0.9 => ("no-benefit", null),
            _ => ("young-without-qualification", null),
        };
        var (group, since) = registered;
        var body = CandidateBodies.Registration(m.Number, Iso(m.Registered), trede, group, since is { } s ? Iso(s) : null, Municipality);
        string? act = null;
        if (group == "participatiewet" && since is not null && r.NextDouble() < 0.3)
            body["benefitAct"] = act = Pick(r, "ioaw", "ioaz", "participatiewet");
        var unserved = r.NextDouble() < 0.2;
        if (unserved) body["servedByWsp"] = false;
        if (group == "young-without-qualification" || r.NextDouble() < 0.15)
        {
            var year = m.Registered.Year - r.Next(0, 4);
            body["schoolLeaver"] = new JsonObject { ["schoolType"] = Pick(r, "pro", "vso"), ["schoolYearLeft"] = $"{year}-{year + 1}" };
        }
        return new Operation("registration", "/api/v1/candidates", body, _ =>
        {
            (m.Trede, m.MunicipalBenefit, m.BenefitSince) = (trede, group == "participatiewet" && since is not null, since);
            if (act is not null && act != "participatiewet") m.Acts.Add((act, m.Registered));
            if (unserved) m.Wsp.Add((false, m.Registered));
            m.Events += 1 + (act is not null && act != "participatiewet" ? 1 : 0) + (unserved ? 1 : 0) + (body["schoolLeaver"] is null ? 0 : 1);
        });
    }

    /// <summary>A random operation the candidate's model expects the decider to accept (now and then one it refuses), or null when the one picked does not apply.</summary>
    private static Operation? Next(Model m, Random r, string[] contracts)
    {
        var path = $"/api/v1/candidates/{m.Number}";
        var counting = m.Placements.Where(p => !p.Withdrawn).ToList();
        Operation Counted(string kind, string url, JsonObject body, Action<JsonNode> accepted) =>
            new(kind, url, body, answer => { accepted(answer); m.Events++; });
        switch (r.Next(100))
        {
            case < 14:
            {
                if (counting.Count >= 7) return null;
                var kind = r.NextDouble() switch { < 0.75 => "regular", < 0.83 => "garantiebaan", < 0.9 => "beschut-werk", _ => "self-employed" };
                var channel = r.NextDouble() switch { < 0.6 => "wsp", < 0.7 => "job-market", < 0.75 => "temp-agency", < 0.8 => "matcher", < 0.85 => "other", _ => "sroi" };
                var hours = Hours(r);
                var start = PlacementStart(m, r);
                var body = CandidateBodies.Placement(Iso(start), hours, kind, channel, sroiContractId: channel == "sroi" ? contracts[r.Next(contracts.Length)] : null,
                    fullTime: r.NextDouble() < 0.2 ? r.NextDouble() < 0.5 : null);
                if (kind == "self-employed") body.Remove("employer");
                return Counted("placement", $"{path}/placements", body, answer => m.Placements.Add(new PlacementModel
                {
                    Id = Guid.Parse(answer["id"]!.GetValue<string>()), Start = start, Kind = kind, Channel = channel, Hours = hours,
                }));
            }
            case < 26:
            {
                var open = counting.Where(p => p.End is null).ToList();
                if (open.Count == 0) return null;
                var p = open[r.Next(open.Count)];
                var later = counting.Where(x => x.Start > p.Start).Select(x => x.Start).ToList();
                var end = Clamp(r.Next(4) switch
                {
                    0 => p.Start,
                    1 when later.Count > 0 => later[r.Next(later.Count)].PlusDays(-1),
                    2 => p.Start.PlusDays(r.Next(30, 800)),
                    _ => Between(r, p.Start, Today),
                }, p.Start, Today);
                return Counted("placement end", $"{path}/placements/{p.Id}/end", new JsonObject { ["endedOn"] = Iso(end), ["reason"] = "Einde" },
                    _ => p.End = end);
            }
            case < 34:
            {
                if (counting.Count == 0) return null;
                var p = counting[r.Next(counting.Count)];
                var body = new JsonObject { ["reason"] = "Correctie" };
                var (start, hours, kind, channel) = (p.Start, p.Hours, p.Kind, p.Channel);
                if (r.NextDouble() < 0.75)
                {
                    start = Clamp(r.Next(3) switch
                    {
                        0 => p.Start.PlusDays(r.Next(-60, 61)),
                        1 => m.Registered,
                        _ => Between(r, m.Registered, p.End ?? Today),
                    }, m.Registered, p.End ?? Today);
                    body["startedOn"] = Iso(start);
                }
                if (r.NextDouble() < 0.3) body["hoursPerWeek"] = hours = Hours(r);
                if (p.Kind != "self-employed" && r.NextDouble() < 0.15) body["kind"] = kind = Pick(r, "regular", "garantiebaan", "werkervaringsplaats", "leerwerkplek");
                if (r.NextDouble() < 0.15)
                {
                    body["channel"] = channel = Pick(r, "wsp", "matcher", "sroi");
                    if (channel == "sroi" && p.Channel != "sroi") body["sroiContractId"] = contracts[r.Next(contracts.Length)];
                }
                // The decider refuses a correction that changes nothing.
                if ((start, hours, kind, channel) == (p.Start, p.Hours, p.Kind, p.Channel)) return null;
                return Counted("placement correction", $"{path}/placements/{p.Id}/correction", body,
                    _ => (p.Start, p.Hours, p.Kind, p.Channel) = (start, hours, kind, channel));
            }
            case < 40:
            {
                var ended = counting.Where(p => p.End is not null).ToList();
                if (ended.Count == 0) return null;
                var p = ended[r.Next(ended.Count)];
                if (r.NextDouble() < 0.4)
                    return Counted("placement end corrected to none", $"{path}/placements/{p.Id}/end-correction",
                        new JsonObject { ["notEnded"] = true, ["reason"] = "Loopt door" }, _ => p.End = null);
                var end = Clamp(r.NextDouble() < 0.5 ? p.End!.Value.PlusDays(r.Next(-90, 120)) : Between(r, p.Start, Today), p.Start, Today);
                return Counted("placement end correction", $"{path}/placements/{p.Id}/end-correction",
                    new JsonObject { ["endedOn"] = Iso(end), ["reason"] = "Andere einddatum" }, _ => p.End = end);
            }
            case < 43:
            {
                if (counting.Count == 0) return null;
                var p = counting[r.Next(counting.Count)];
                return Counted("placement withdrawal", $"{path}/placements/{p.Id}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }, _ => p.Withdrawn = true);
            }
            case < 50:
            {
                var on = r.NextDouble() < 0.2 ? m.TredeSince : Clamp(m.TredeSince.PlusDays(r.Next(1, 500)), m.TredeSince, Today);
                var trede = Enumerable.Range(1, 6).Where(t => t != m.Trede).ElementAt(r.Next(5));
                return Counted("trede change", $"{path}/trede-changes", TredeChange(trede, Iso(on)), _ => (m.Trede, m.TredeSince) = (trede, on));
            }
            case < 57:
            {
                if (!m.MunicipalBenefit) return null;
                var lower = m.Acts.Count > 0 ? LocalDate.Max(m.Registered, m.Acts[^1].On) : m.Registered;
                var upper = m.BenefitEnded?.PlusDays(-1) ?? Today;
                if (lower > upper) return null;
                var on = r.NextDouble() < 0.25 ? lower : Clamp(lower.PlusDays(r.Next(1, 600)), lower, upper);
                var act = new[] { "participatiewet", "ioaw", "ioaz" }.Where(a => a != m.ActOn(on)).ElementAt(r.Next(2));
                return Counted("benefit act change", $"{path}/benefit-act", new JsonObject { ["benefitAct"] = act, ["effectiveOn"] = Iso(on) },
                    _ => m.Acts.Add((act, on)));
            }
            case < 63:
            {
                var lower = m.Wsp.Count > 0 ? m.Wsp[^1].On : m.Registered;
                var on = r.NextDouble() < 0.25 ? lower : Clamp(lower.PlusDays(r.Next(1, 500)), lower, Today);
                var served = !m.ServedOn(on);
                return Counted("wsp service change", $"{path}/wsp-service", new JsonObject { ["served"] = served, ["effectiveOn"] = Iso(on) },
                    _ => m.Wsp.Add((served, on)));
            }
            case < 66:
            {
                if (m.BenefitSince is not { } since || m.BenefitEnded is not null) return null;
                var lower = LocalDate.Max(since, m.Registered);
                if (m.Acts.Count > 0 && m.Acts[^1].On > m.Registered) lower = LocalDate.Max(lower, m.Acts[^1].On.PlusDays(1));
                var on = r.NextDouble() < 0.2 ? lower : Clamp(lower.PlusDays(r.Next(0, 700)), lower, Today);
                return Counted("benefit end", $"{path}/benefit-end", BenefitEnd(Iso(on), Pick(r, "work-income", "other")), _ => m.BenefitEnded = on);
            }
            case < 74:
            {
                var programme = Programmes[r.Next(Programmes.Length)];
                var enrolments = m.EnrolmentsOn(programme.Code);
                if (enrolments is [.., { Until: null }]) return null;
                var lower = LocalDate.Max(LocalDate.Max(programme.Starts, m.Registered), enrolments is [.., { Until: { } until }] ? until.PlusDays(1) : m.Registered);
                var upper = LocalDate.Min(programme.Ends ?? Today, Today);
                if (lower > upper) return null;
                var on = r.NextDouble() < 0.3 ? lower : Clamp(lower.PlusDays(r.Next(0, 400)), lower, upper);
                return Counted("enrolment", $"{path}/programmes/{programme.Code}/enrolment", new JsonObject { ["enrolledOn"] = Iso(on) },
                    _ => enrolments.Add(new EnrolmentModel(on)));
            }
            case < 80:
            {
                var programme = Programmes[r.Next(Programmes.Length)];
                if (m.EnrolmentsOn(programme.Code) is not [.., { Until: null } open]) return null;
                var lower = open.Outcomes.Select(o => o.On).Append(open.From).Max();
                var on = Clamp(lower.PlusDays(r.Next(0, 300)), lower, Today);
                return Counted("enrolment end", $"{path}/programmes/{programme.Code}/enrolment/end", new JsonObject { ["endedOn"] = Iso(on), ["reason"] = "Klaar" },
                    _ => open.Until = on);
            }
            case < 91:
            {
                var programme = Programmes[r.Next(Programmes.Length)];
                var enrolments = m.EnrolmentsOn(programme.Code);
                if (enrolments.Count == 0) return null;
                var enrolment = enrolments[r.Next(enrolments.Count)];
                var outcomes = programme.Outcomes.Where(o => enrolment.Outcomes.All(x => x.Outcome != o)).ToList();
                var lower = LocalDate.Max(enrolment.From, programme.Starts);
                var upper = LocalDate.Min(LocalDate.Min(enrolment.Until ?? Today, programme.Ends ?? Today), Today);
                if (outcomes.Count == 0 || lower > upper) return null;
                var outcome = outcomes[r.Next(outcomes.Count)];
                var on = r.NextDouble() < 0.3 ? lower : Clamp(lower.PlusDays(r.Next(0, 200)), lower, upper);
                return Counted("outcome", $"{path}/programmes/{programme.Code}/outcomes", new JsonObject { ["outcome"] = outcome, ["on"] = Iso(on) },
                    _ => enrolment.Outcomes.Add((outcome, on)));
            }
            case < 95:
            {
                var reached = Programmes.SelectMany(p => m.EnrolmentsOn(p.Code).SelectMany(e => e.Outcomes.Select(o => (Programme: p.Code, Enrolment: e, o.Outcome, o.On)))).ToList();
                if (reached.Count == 0) return null;
                var (programme, enrolment, outcome, on) = reached[r.Next(reached.Count)];
                return Counted("outcome withdrawal", $"{path}/programmes/{programme}/outcomes/withdrawal",
                    new JsonObject { ["outcome"] = outcome, ["on"] = Iso(on), ["reason"] = "Vergissing" }, _ => enrolment.Outcomes.Remove((outcome, on)));
            }
            case < 99:
            {
                var lower = m.Day?.On ?? m.Registered;
                var on = r.NextDouble() < 0.3 ? lower : Clamp(lower.PlusDays(r.Next(1, 400)), lower, Today);
                var activity = new[] { "at-school", "working", "supported-without-benefit", "supported-with-benefit", "wmo-or-care", "basic-qualification",
                    "wajong", "under-investigation", "early-school-leaver" }.Where(a => a != m.Day?.Activity).ElementAt(r.Next(8));
                return Counted("day activity", $"{path}/day-activities", new JsonObject { ["activity"] = activity, ["effectiveOn"] = Iso(on) },
                    _ => m.Day = (activity, on));
            }
            case < 100:
            {
                // One the decider refuses: before the registration.
                var before = Iso(m.Registered.PlusDays(-1));
                return r.NextDouble() < 0.5
                    ? Counted("refused trede change", $"{path}/trede-changes", TredeChange(m.Trede % 6 + 1, before), _ => { })
                    : Counted("refused placement", $"{path}/placements", CandidateBodies.Placement(before), _ => { });
            }
            default:
                return null;
        }
    }

    /// <summary>A placement's start: often the day after another's end (the spell runs on), after a gap (a new spell), inside another or on its day.</summary>
    private static LocalDate PlacementStart(Model m, Random r)
    {
        var counting = m.Placements.Where(p => !p.Withdrawn).ToList();
        var roll = r.NextDouble();
        if (counting.Count > 0 && roll < 0.65)
        {
            var other = counting[r.Next(counting.Count)];
            return Clamp(r.Next(10) switch
            {
                < 3 when other.End is { } end => end.PlusDays(1),
                < 6 when other.End is { } end => end.PlusDays(r.Next(2, 90)),
                < 6 => other.Start.PlusDays(-r.Next(2, 60)),
                < 8 => Between(r, other.Start, other.End ?? Today),
                < 9 => other.Start,
                _ => Between(r, m.Registered, Today),
            }, m.Registered, Today);
        }
        return roll < 0.75 ? m.Registered : Clamp(m.Registered.PlusDays(r.Next(0, 900)), m.Registered, Today);
    }

    private static decimal Hours(Random r) => new[] { 40m, 32m, 32.0m, 24.5m, 16.25m, 36m, 20.00m, 12m }[r.Next(8)];

    private static LocalDate Between(Random r, LocalDate from, LocalDate until)
    {
        if (until <= from) return from;
        var roll = r.NextDouble();
        return roll < 0.1 ? from : roll < 0.15 ? until : from.PlusDays(r.Next(Period.DaysBetween(from, until) + 1));
    }

    private static LocalDate Clamp(LocalDate date, LocalDate from, LocalDate until) => date < from ? from : date > until ? until : date;

    private static string Pick(Random r, params string[] values) => values[r.Next(values.Length)];

    private static string Letters(Random r) => new([.. Enumerable.Range(0, 5).Select(_ => (char)('a' + r.Next(26)))]);

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    // ---- Reading events and rows ----------------------------------------------------------------------------------------

    /// <summary>The candidates' events as the rebuild reads them (CandidateBatchRefold): one statement, made into Marten's IEvents.</summary>
    private async Task<Dictionary<string, List<IEvent>>> EventsAsync(IReadOnlyList<string> numbers)
    {
        var municipality = MunicipalityCode.Parse(Municipality);
        var streams = numbers.ToDictionary(n => CandidateEventTypes.StreamOf(municipality, CandidateNumber.Parse(n)).Value);
        await using var connection = await Service.OpenConnectionAsync();
        var read = new InMemoryEvents(api.Services.GetRequiredService<IDocumentStore>())
            .Of(await LedgerEvents.ReadStreamsAsync(connection, Municipality, [.. streams.Keys], CancellationToken.None));
        var events = numbers.ToDictionary(n => n, _ => new List<IEvent>());
        foreach (var e in read.Where(e => e.Data is ICandidateEvent))
            events[streams[e.StreamKey!]].Add(e);
        return events;
    }

    /// <summary>Every row of the candidates in every report table, by table and candidate number.</summary>
    private async Task<Dictionary<ReportTable, Dictionary<string, List<object?[]>>>> RowsAsync(string[] numbers)
    {
        await using var connection = await Service.OpenConnectionAsync();
        var rows = new Dictionary<ReportTable, Dictionary<string, List<object?[]>>>();
        foreach (var table in ReportTables.All)
        {
            var ofTable = rows[table] = [];
            await using var command = new Npgsql.NpgsqlCommand(table.Select, connection) { Parameters = { new() { Value = Municipality }, new() { Value = numbers } } };
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = table.Read(reader);
                var number = (string)row[table.CandidateColumn]!;
                if (!ofTable.TryGetValue(number, out var list)) ofTable[number] = list = [];
                list.Add(row);
            }
        }
        return rows;
    }

    /// <summary>The service's own data source (NodaTime's types mapped), as the rebuild reads with.</summary>
    private Npgsql.NpgsqlDataSource Service => api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();

    // ---- Comparing ------------------------------------------------------------------------------------------------------

    /// <summary>The same rows as a multiset, by their readable form (every column named; a numeric's scale shown).</summary>
    private static bool SameMultiset(ReportTable table, List<object?[]> made, List<object?[]> held)
    {
        var counts = new Dictionary<string, int>();
        foreach (var row in made)
            counts[Show(table, row)] = counts.GetValueOrDefault(Show(table, row)) + 1;
        foreach (var row in held)
        {
            var shown = Show(table, row);
            if (counts.GetValueOrDefault(shown) == 0) return false;
            counts[shown]--;
        }
        return counts.Values.All(c => c == 0);
    }

    /// <summary>A row as <c>column=value | …</c>: dates ISO, 'infinity' for the open ends, timestamps to the microsecond (UTC), numerics with their scale.</summary>
    private static string Show(ReportTable table, object?[] row) =>
        string.Join(" | ", table.Columns.Select((c, i) => $"{c.Name}={Show(row[i])}"));

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateOnly d when d == DateOnly.MaxValue => "infinity",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t when t == DateTime.MaxValue => "infinity",
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        decimal x => x.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The type <see cref="ReportTable.Read"/> gives a column's value, which its COPY writes.</summary>
    private static Type ClrTypeOf(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Text => typeof(string),
        NpgsqlDbType.Bigint => typeof(long),
        NpgsqlDbType.Integer => typeof(int),
        NpgsqlDbType.Date => typeof(DateOnly),
        NpgsqlDbType.Boolean => typeof(bool),
        NpgsqlDbType.Uuid => typeof(Guid),
        NpgsqlDbType.Numeric => typeof(decimal),
        NpgsqlDbType.TimestampTz => typeof(DateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No report column of this type."),
    };

    /// <summary>The events of a candidate, one a line: version, recorded time, the event.</summary>
    private static string Describe(IEnumerable<IEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
            text.Append(CultureInfo.InvariantCulture, $"  v{e.Version} {e.Timestamp.UtcDateTime:HH:mm:ss.ffffff} {e.Data}\n");
        return text.ToString();
    }

    // ---- The model of a candidate -----------------------------------------------------------------------------------------

    private sealed record Programme(string Code, LocalDate Starts, LocalDate? Ends, string[] Outcomes);

    private sealed record History(string Number, int Events);

    private sealed record Operation(string Kind, string Url, JsonObject Body, Action<JsonNode> Accepted);

    private sealed class PlacementModel
    {
        public Guid Id { get; init; }
        public LocalDate Start { get; set; }
        public LocalDate? End { get; set; }
        public bool Withdrawn { get; set; }
        public string Kind { get; set; } = "regular";
        public string Channel { get; set; } = "wsp";
        public decimal Hours { get; set; }
    }

    private sealed class EnrolmentModel(LocalDate from)
    {
        public LocalDate From { get; } = from;
        public LocalDate? Until { get; set; }
        public List<(string Outcome, LocalDate On)> Outcomes { get; } = [];
    }

    /// <summary>What the decider holds of the candidate, as far as the operations need it; changed only by accepted operations.</summary>
    private sealed class Model(string number, LocalDate registered)
    {
        public string Number { get; } = number;
        public LocalDate Registered { get; } = registered;
        public int Trede { get; set; }
        public LocalDate TredeSince { get; set; } = registered;
        public bool MunicipalBenefit { get; set; }
        public LocalDate? BenefitSince { get; set; }
        public LocalDate? BenefitEnded { get; set; }
        public List<(string Act, LocalDate On)> Acts { get; } = [];
        public List<(bool Served, LocalDate On)> Wsp { get; } = [];
        public List<PlacementModel> Placements { get; } = [];
        public Dictionary<string, List<EnrolmentModel>> Enrolments { get; } = [];
        public (string Activity, LocalDate On)? Day { get; set; }
        public int Events { get; set; }

        public string ActOn(LocalDate date) => Acts.Where(a => a.On <= date).Select(a => a.Act).LastOrDefault() ?? "participatiewet";

        public bool ServedOn(LocalDate date) => Wsp.Where(w => w.On <= date).Select(w => (bool?)w.Served).LastOrDefault() ?? true;

        public List<EnrolmentModel> EnrolmentsOn(string programme) =>
            Enrolments.TryGetValue(programme, out var list) ? list : Enrolments[programme] = [];
    }

    /// <summary>The operations sent and accepted, by kind, with the codes of the refusals.</summary>
    private sealed class Tally(int seed)
    {
        /// <summary>The kinds every run must have had accepted at least once.</summary>
        public static readonly string[] Kinds =
        [
            "registration", "placement", "placement end", "placement correction", "placement end correction", "placement end corrected to none",
            "placement withdrawal", "trede change", "benefit act change", "wsp service change", "benefit end", "enrolment", "enrolment end", "outcome",
            "outcome withdrawal", "day activity", "append of a start", "append of a run",
        ];

        private readonly SortedDictionary<string, (int Sent, int Accepted)> kinds = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> refusals = new(StringComparer.Ordinal);

        public int Seed => seed;
        public int Sent => kinds.Values.Sum(k => k.Sent);
        public int Accepted => kinds.Values.Sum(k => k.Accepted);
        public int AcceptedOf(string kind) => kinds.GetValueOrDefault(kind).Accepted;

        public void Count(string kind, bool accepted, string? refusal)
        {
            var (sent, ok) = kinds.GetValueOrDefault(kind);
            kinds[kind] = (sent + 1, ok + (accepted ? 1 : 0));
            if (refusal is not null) refusals[refusal] = refusals.GetValueOrDefault(refusal) + 1;
        }

        public override string ToString() =>
            $"{Sent} operations, {Accepted} accepted: " + string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value.Accepted}/{k.Value.Sent}")) +
            $"; refused: " + string.Join(", ", refusals.Select(r => $"{r.Key} ×{r.Value}"));
    }
}
