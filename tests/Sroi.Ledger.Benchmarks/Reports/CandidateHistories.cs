extern alias api;

using api::Sroi.Ledger.Api.Candidates;
using api::Sroi.Ledger.Api.EventLog;
using NodaTime;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// Plausible candidate histories, decided by the real decider (so every rule holds) and appended as the service
/// appends them: one stream per candidate (Marten's tenant: the municipality), its events with the service's inline
/// projection statements in the same transaction. About ten
/// events a candidate: registration, 1–5 trede changes, 2–4 placements (most ended, some corrected, a few withdrawn)
/// and, for many, the end of the benefit. Since issue 22 also the facts of its reports, drawn from a random of their own
/// (so the draws above, and the older reports' figures, are what they were): an act other than the Participatiewet for
/// some benefits, the WSP's service ended for some, enrolments on two programmes with their outcomes, and school leavers
/// with a changing day activity.
/// </summary>
internal static class CandidateHistories
{
    public static readonly MunicipalityCode Municipality = MunicipalityCode.Rijswijk;

    /// <summary>The programmes candidates are enrolled on (as registered through POST /programmes; the report needs only their terms).</summary>
    public static readonly ProgrammeTerms[] Programmes =
    [
        new("meedoen-werkt", new LocalDate(2015, 1, 1), null, ["first-talk", "activated", "to-work"]),
        new("van-deel-naar-heel", new LocalDate(2015, 1, 1), null, ["first-talk", "more-hours", "self-supporting"]),
    ];
    // Far enough ahead that no generated date is "in the future" for the decider.
    private static readonly LocalDate Today = new(2040, 1, 1);
    private static readonly EventMetadata Metadata = new("wsp:bench", "bench");
    private static readonly SroiContractRef[] Contracts =
        [.. Enumerable.Range(0, 40).Select(i => new SroiContractRef(new Guid(i + 1, 0, 0, new byte[8]), i % 3 == 0 ? ContractScope.Local : ContractScope.Regional))];

    /// <summary>Candidates 0…n-1, one append each, 8 writers; answers how long it took.</summary>
    public static async Task<TimeSpan> SeedAsync(LedgerEvents ledger, int candidates)
    {
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await ledger.AppendAsync(Append(i), ct);
            if (Interlocked.Increment(ref done) % 10_000 == 0) Console.WriteLine($"seeded {done:N0} candidates, {seeding.Elapsed.TotalSeconds:0} s");
        });
        return seeding.Elapsed;
    }

    /// <summary>
    /// Candidates 0…n-1, each history in two appends (<see cref="AppendInTwo"/>), pass by pass: every candidate's first half,
    /// then every second half, 8 writers; answers how long it took. The recorded history has a middle in which each
    /// candidate is half known, and the rows the second halves change (corrections, ends, withdrawals, trede changes,
    /// benefit ends) have a closed version recorded before it: what a report as known on a moment reads.
    /// </summary>
    public static async Task<TimeSpan> SeedInTwoPassesAsync(LedgerEvents ledger, int candidates)
    {
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        // Decided once: a history's placement ids are new each time it is decided, and the second half must name the first's.
        var histories = Enumerable.Range(0, candidates).Select(AppendInTwo).ToArray();
        foreach (var pass in new[] { "first", "second" })
            await Parallel.ForEachAsync(Enumerable.Range(0, candidates), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                await ledger.AppendAsync(pass == "first" ? histories[i].First : histories[i].Second, ct);
                if (Interlocked.Increment(ref done) % 10_000 == 0) Console.WriteLine($"seeded {done:N0} halves ({pass} pass), {seeding.Elapsed.TotalSeconds:0} s");
            });
        return seeding.Elapsed;
    }

    public static AppendRequest Append(int index)
    {
        var (stream, events) = History(index);
        // Version 0: the stream must be new (Marten's StartStream), as the service's registration appends it.
        // The inline projections write the candidate's document and its report-table rows in the same transaction.
        return new AppendRequest(Municipality, stream, 0, [.. events], Metadata);
    }

    /// <summary>The same history in two appends: the first half of its events at version 0, then the rest at that version.</summary>
    public static (AppendRequest First, AppendRequest Second) AppendInTwo(int index)
    {
        var (stream, events) = History(index);
        var half = Math.Max(1, events.Count / 2);
        return (new AppendRequest(Municipality, stream, 0, [.. events[..half]], Metadata),
                new AppendRequest(Municipality, stream, half, [.. events[half..]], Metadata));
    }

    private static (StreamId Stream, List<ICandidateEvent> Events) History(int index)
    {
        var random = new Random(index);
        var number = CandidateNumber.Parse($"B-{index:D7}");
        return (CandidateEventTypes.StreamOf(Municipality, number), Decide(random));

        List<ICandidateEvent> Decide(Random r)
        {
            var state = CandidateState.Initial;
            var decided = new List<ICandidateEvent>();
            void Apply(IReadOnlyList<ICandidateEvent> es) { foreach (var e in es) { decided.Add(e); state = CandidateDecider.Evolve(state, e); } }

            var registered = new LocalDate(2015, 1, 1).PlusDays(r.Next(0, 3300));
            var group = (TargetGroup)r.Next(0, 6);
            LocalDate? since = group == TargetGroup.NoBenefit || r.Next(10) == 0 ? null : registered.PlusDays(-r.Next(0, 400));
            Apply(CandidateDecider.Decide(new RegisterCandidate(number, Municipality, registered, r.Next(1, 7), group, since, Today), state));

            var day = registered;
            for (var change = r.Next(1, 6); change > 0; change--)
            {
                day = day.PlusDays(r.Next(20, 500));
                var trede = (state.Trede + r.Next(1, 6) - 1) % 6 + 1;
                Apply(CandidateDecider.Decide(new ChangeTrede(trede, day, "Herbeoordeling", Today), state));
            }

            var start = registered;
            for (var p = r.Next(2, 5); p > 0; p--)
            {
                start = start.PlusDays(r.Next(10, 600));
                var id = Guid.CreateVersion7();
                var sroi = r.Next(7) == 0;
                var channel = sroi ? PlacementChannel.Sroi : (PlacementChannel)new[] { 0, 2, 3, 4, 5 }[r.Next(5)];
                var contract = sroi ? new ContractLookup.Found(Contracts[r.Next(Contracts.Length)]) : (ContractLookup)new ContractLookup.None();
                // The same random draws, in the same order, as before self-employed placements lost their employer.
                var employer = new Employer(KvkNumber.Parse($"{10_000_000 + r.Next(5000)}"), "Werkgever");
                var hours = r.Next(8, 41);
                var kind = (PlacementKind)r.Next(0, 6);
                Apply(CandidateDecider.Decide(new RecordPlacement(id, PlacementKinds.RecordsEmployer(kind) ? employer : null, start,
                    hours, null, kind, channel, contract, Today), state));
                if (r.Next(100) < 15)
                    Apply(CandidateDecider.Decide(new CorrectPlacement(id, start.PlusDays(r.Next(1, 40)), r.Next(8, 41), null, null, null,
                        new ContractLookup.None(), "Verkeerd ingevoerd", Today), state));
                if (r.Next(100) < 5)
                    Apply(CandidateDecider.Decide(new WithdrawPlacement(id, "Per vergissing"), state));
                else if (r.Next(100) < 60)
                    Apply(CandidateDecider.Decide(new EndPlacement(id, state.Placement(id)!.StartedOn.PlusDays(r.Next(30, 700)), "Einde", Today), state));
            }

            if (since is { } benefit && r.Next(100) < 45)
            {
                var end = LocalDate.Max(LocalDate.Max(benefit, registered), start.PlusDays(r.Next(-60, 200)));
                Apply(CandidateDecider.Decide(new EndBenefit(end, r.Next(100) < 70 ? BenefitEndReason.WorkIncome : BenefitEndReason.Other, Today), state));
            }
            Issue22Facts(new Random(~index), state, Apply);
            return decided;
        }
    }

    /// <summary>
    /// The facts issue 22's reports read, after the rest of the history (each decided by the real decider on the state so
    /// far): about one benefit in five under IOAW/IOAZ, one candidate in ten no longer served by the WSP, one in three
    /// enrolled on a programme (first talk for most, a further outcome for some, half of the enrolments ended) and one in
    /// twenty a school leaver whose day activity changes one to three times.
    /// </summary>
    private static void Issue22Facts(Random r, CandidateState state, Action<IReadOnlyList<ICandidateEvent>> apply)
    {
        void Apply(IReadOnlyList<ICandidateEvent> events) { apply(events); foreach (var e in events) state = CandidateDecider.Evolve(state, e); }
        var registered = state.RegisteredOn;
        if (state.TargetGroup == TargetGroup.Participatiewet && state.BenefitSince is not null && r.Next(5) == 0)
        {
            var until = state.BenefitEnded?.EffectiveOn ?? Today;
            var on = LocalDate.Min(registered.PlusDays(r.Next(0, 900)), until.PlusDays(-1));
            if (on >= registered)
                Apply(CandidateDecider.Decide(new ChangeBenefitAct(r.Next(2) == 0 ? BenefitAct.Ioaw : BenefitAct.Ioaz, on, Today), state));
        }
        if (r.Next(10) == 0)
            Apply(CandidateDecider.Decide(new ChangeWspService(false, registered.PlusDays(r.Next(30, 1500)), Today), state));
        if (r.Next(3) == 0)
        {
            var programme = Programmes[r.Next(Programmes.Length)];
            var enrolled = registered.PlusDays(r.Next(0, 1200));
            Apply(CandidateDecider.Decide(new EnrolInProgramme(programme, enrolled, Today), state));
            var day = enrolled;
            foreach (var (outcome, chance) in programme.Outcomes.Zip(new[] { 90, 40, 15 }))
            {
                if (r.Next(100) >= chance) break;
                day = day.PlusDays(r.Next(7, 200));
                Apply(CandidateDecider.Decide(new RecordProgrammeOutcome(programme, outcome, day, Today), state));
            }
            if (r.Next(2) == 0)
                Apply(CandidateDecider.Decide(new EndProgrammeEnrolment(programme.Code, day.PlusDays(r.Next(0, 300)), "Afgerond", Today), state));
        }
        if (r.Next(20) == 0)
        {
            var left = registered.Year - r.Next(0, 2);
            Apply(CandidateDecider.Decide(new RecordSchoolLeaver(r.Next(2) == 0 ? SchoolType.Pro : SchoolType.Vso, $"{left - 1}-{left}", Today), state));
            var (day, activity) = (registered, (DayActivity)(-1));
            for (var change = r.Next(1, 4); change > 0; change--)
            {
                var next = (DayActivity)r.Next(0, 9);
                if (next == activity) continue;
                Apply(CandidateDecider.Decide(new RecordDayActivity(next, day, Today), state));
                (day, activity) = (day.PlusDays(r.Next(30, 700)), next);
            }
        }
    }
}
