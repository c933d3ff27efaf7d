using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>Decides candidate commands (trede, placements, benefit) over the candidate's state. Pure: no clock, no IO.</summary>
public static partial class CandidateDecider
{
    public static IReadOnlyList<ICandidateEvent> Decide(RegisterCandidate command, CandidateState state)
    {
        if (state.Exists)
            throw new RuleViolation("candidate.already-registered",
                $"Candidate {command.CandidateNumber} is already registered in {command.Municipality}.", "candidateNumber");
        RequireTrede(command.Trede);
        NotInFuture(command.RegisteredOn, command.Today, "candidate.registered-in-future", "registeredOn");
        if (command.BenefitSince is { } since)
        {
            if (command.TargetGroup == TargetGroup.NoBenefit)
                throw new RuleViolation("candidate.benefit-in-no-benefit-group",
                    "A candidate of target group no-benefit has no benefit; leave benefitSince out or choose the benefit's target group.", "benefitSince");
            NotInFuture(since, command.Today, "candidate.benefit-since-in-future", "benefitSince");
        }
        return [new CandidateRegistered(command.CandidateNumber, command.Municipality, command.RegisteredOn, command.Trede,
            command.TargetGroup, command.BenefitSince), .. RegisteredWith(command)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(ChangeTrede command, CandidateState state)
    {
        RequireRegistered(state);
        RequireTrede(command.Trede);
        if (command.EffectiveOn < state.RegisteredOn)
            throw new RuleViolation("candidate.trede-change-before-registration",
                $"A trede change cannot take effect before the registration on {state.RegisteredOn:yyyy-MM-dd}.", "effectiveOn");
        // Changes are recorded in effective order, so "from" is always the trede in force just before it.
        if (command.EffectiveOn < state.TredeSince)
            throw new RuleViolation("candidate.trede-change-out-of-order",
                $"The trede in force took effect on {state.TredeSince:yyyy-MM-dd}; a change cannot take effect before it.", "effectiveOn");
        NotInFuture(command.EffectiveOn, command.Today, "candidate.trede-change-in-future", "effectiveOn");
        if (command.Trede == state.Trede)
            throw new RuleViolation("candidate.trede-unchanged", $"The candidate is already on trede {state.Trede}.", "trede");
        return [new TredeChanged(state.Trede, command.Trede, command.EffectiveOn, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(RecordPlacement command, CandidateState state)
    {
        RequireRegistered(state);
        if (state.Placement(command.PlacementId) is not null)
            throw new RuleViolation("placement.already-recorded", $"Placement {command.PlacementId} is already recorded.");
        RequireHours(command.HoursPerWeek);
        RequireStart(command.StartedOn, state, command.Today);
        if (PlacementKinds.RecordsEmployer(command.Kind) != command.Employer is not null)
            throw new RuleViolation("placement.employer-by-kind", command.Employer is null
                ? "A placement names its employer."
                : "A self-employed placement records no employer: the candidate's own business would identify them.", "employer");
        var contract = ContractFor(command.Channel, command.Contract, current: null);
        return [new PlacementRecorded(command.PlacementId, command.Employer, command.StartedOn, command.HoursPerWeek,
            command.FullTime ?? WorkingHours.DefaultFullTime(command.HoursPerWeek), command.Kind, command.Channel, contract)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(EndPlacement command, CandidateState state)
    {
        var placement = RequireCounting(state, command.PlacementId);
        if (placement.EndedOn is { } ended)
            throw new RuleViolation("placement.already-ended", $"The placement already ended on {ended:yyyy-MM-dd}.", "endedOn");
        if (command.EndedOn < placement.StartedOn)
            throw new RuleViolation("placement.ends-before-start",
                $"A placement cannot end before it started ({placement.StartedOn:yyyy-MM-dd}).", "endedOn");
        NotInFuture(command.EndedOn, command.Today, "placement.ended-in-future", "endedOn");
        return [new PlacementEnded(command.PlacementId, command.EndedOn, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(CorrectPlacement command, CandidateState state)
    {
        var placement = RequireCounting(state, command.PlacementId);
        var startedOn = command.StartedOn ?? placement.StartedOn;
        var hours = command.HoursPerWeek ?? placement.HoursPerWeek;
        var fullTime = command.FullTime ?? (command.HoursPerWeek is { } corrected ? WorkingHours.DefaultFullTime(corrected) : placement.FullTime);
        var kind = command.Kind ?? placement.Kind;
        var channel = command.Channel ?? placement.Channel;
        if (PlacementKinds.RecordsEmployer(kind) != PlacementKinds.RecordsEmployer(placement.Kind))
            throw new RuleViolation("placement.self-employed-kind-change",
                "A correction cannot turn a placement into or out of self-employment: one records an employer, the other must not. " +
                "Withdraw it and record the placement anew.", "kind");

        RequireHours(hours);
        RequireStart(startedOn, state, command.Today);
        if (placement.EndedOn is { } ended && startedOn > ended)
            throw new RuleViolation("placement.ends-before-start",
                $"The placement ended on {ended:yyyy-MM-dd}; it cannot start after that.", "startedOn");
        var contract = ContractFor(channel, command.Contract, placement.SroiContract);

        if ((startedOn, hours, fullTime, kind, channel, contract)
            == (placement.StartedOn, placement.HoursPerWeek, placement.FullTime, placement.Kind, placement.Channel, placement.SroiContract))
            throw new RuleViolation("placement.correction-without-change", "The correction changes nothing.");
        return [new PlacementCorrected(command.PlacementId, startedOn, hours, fullTime, kind, channel, contract, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(WithdrawPlacement command, CandidateState state)
    {
        RequireCounting(state, command.PlacementId);
        return [new PlacementWithdrawn(command.PlacementId, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(EndBenefit command, CandidateState state)
    {
        RequireRegistered(state);
        if (state.BenefitSince is not { } since)
            throw new RuleViolation("candidate.no-benefit", "The candidate was registered without a benefit (no benefitSince).");
        if (state.BenefitEnded is { } ended)
            throw new RuleViolation("candidate.benefit-already-ended",
                $"The benefit already ended on {ended.EffectiveOn:yyyy-MM-dd}.", "effectiveOn");
        if (command.EffectiveOn < since)
            throw new RuleViolation("candidate.benefit-end-before-start",
                $"The benefit started on {since:yyyy-MM-dd}; it cannot end before that.", "effectiveOn");
        if (command.EffectiveOn < state.RegisteredOn)
            throw new RuleViolation("candidate.benefit-end-before-registration",
                $"The candidate was registered on {state.RegisteredOn:yyyy-MM-dd}; record only what happens from then on.", "effectiveOn");
        // The mirror of ChangeBenefitAct's rule (no change of act once the benefit ended): an end on or before a recorded
        // change of act would leave a history whose act changed after the benefit ended, accepted or not by the order of
        // two requests. The act a registration states is no change: it holds from the registration day, so it ends then.
        if (state.BenefitActs.LastOrDefault() is { } change && change.EffectiveOn > state.RegisteredOn && command.EffectiveOn <= change.EffectiveOn)
            throw new RuleViolation("candidate.benefit-end-before-act-change",
                $"The benefit's act changed to {change.BenefitAct} on {change.EffectiveOn:yyyy-MM-dd}; it cannot end on or before that.", "effectiveOn");
        NotInFuture(command.EffectiveOn, command.Today, "candidate.benefit-end-in-future", "effectiveOn");
        return [new BenefitEnded(command.EffectiveOn, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(CorrectPlacementEnd command, CandidateState state)
    {
        var placement = RequireCounting(state, command.PlacementId);
        if (placement.EndedOn is not { } recorded)
            throw new RuleViolation("placement.not-ended", "The placement has no end to correct; record its end instead.", "endedOn");
        if (command.EndedOn is { } endedOn)
        {
            if (endedOn < placement.StartedOn)
                throw new RuleViolation("placement.ends-before-start",
                    $"A placement cannot end before it started ({placement.StartedOn:yyyy-MM-dd}).", "endedOn");
            NotInFuture(endedOn, command.Today, "placement.ended-in-future", "endedOn");
            if (endedOn == recorded)
                throw new RuleViolation("placement.correction-without-change", $"The placement already ended on {recorded:yyyy-MM-dd}.", "endedOn");
        }
        return [new PlacementEndCorrected(command.PlacementId, command.EndedOn, command.Reason)];
    }

    /// <summary>Each candidate event applied in one place: the decider's state, the document Marten keeps and what the API shows.</summary>
    public static CandidateState Evolve(CandidateState state, ICandidateEvent @event) => @event switch
    {
        CandidateRegistered e => CandidateState.Initial with
        {
            Exists = true, CandidateNumber = e.CandidateNumber, Municipality = e.Municipality, RegisteredOn = e.RegisteredOn,
            TargetGroup = e.TargetGroup, BenefitSince = e.BenefitSince, Treden = [new TredeHeld(e.Trede, null, e.RegisteredOn, null)],
        },
        TredeChanged e => state with { Treden = [.. state.Treden, new TredeHeld(e.To, e.From, e.EffectiveOn, e.Reason)] },
        PlacementRecorded e => state.WithPlacement(new PlacementState(
            e.PlacementId, e.Employer, e.StartedOn, e.HoursPerWeek, e.FullTime, e.Kind, e.Channel, e.SroiContract, null, null, [], false, null)),
        PlacementEnded e => state.WithPlacement(e.PlacementId, p => p with { EndedOn = e.EndedOn, EndReason = e.Reason }),
        PlacementCorrected e => state.WithPlacement(e.PlacementId, p => p with
        {
            StartedOn = e.StartedOn, HoursPerWeek = e.HoursPerWeek, FullTime = e.FullTime, Kind = e.Kind, Channel = e.Channel,
            SroiContract = e.SroiContract, CorrectionReasons = [.. p.CorrectionReasons, e.Reason],
        }),
        PlacementWithdrawn e => state.WithPlacement(e.PlacementId, p => p with { Withdrawn = true, WithdrawalReason = e.Reason }),
        // No end after all: the reason of the mistaken end goes with it.
        PlacementEndCorrected e => state.WithPlacement(e.PlacementId, p => p with
        {
            EndedOn = e.EndedOn, EndReason = e.EndedOn is null ? null : p.EndReason, CorrectionReasons = [.. p.CorrectionReasons, e.Reason],
        }),
        BenefitEnded e => state with { BenefitEnded = e },
        BenefitActSet e => state with { BenefitActs = [.. state.BenefitActs, new BenefitActHeld(e.BenefitAct, e.EffectiveOn)] },
        WspServiceSet e => state with { WspService = [.. state.WspService, new WspServiceHeld(e.Served, e.EffectiveOn)] },
        // Issue 22 (programmes, school leavers): CandidateDecider.Programmes.cs.
        _ => EvolveProgrammes(state, @event)
            ?? throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown candidate event."),
    };

    public static CandidateState Fold(IEnumerable<ICandidateEvent> events) => events.Aggregate(CandidateState.Initial, Evolve);

    private static void RequireRegistered(CandidateState state)
    {
        if (!state.Exists)
            throw new RuleViolation("candidate.not-registered", "The candidate is not registered.");
    }

    /// <summary>The placement, still counting (not withdrawn): only such a placement can end or be corrected.</summary>
    private static PlacementState RequireCounting(CandidateState state, Guid placementId)
    {
        RequireRegistered(state);
        if (state.Placement(placementId) is not { } placement)
            throw new RuleViolation("placement.not-recorded", $"Placement {placementId} is not recorded for this candidate.");
        if (placement.Withdrawn)
            throw new RuleViolation("placement.already-withdrawn", "The placement was withdrawn; it can no longer change.");
        return placement;
    }

    private static void RequireTrede(int trede)
    {
        if (!Participatieladder.IsTrede(trede))
            throw new RuleViolation("candidate.trede-out-of-range", "A trede on the participatieladder is 1 to 6.", "trede");
    }

    private static void RequireHours(decimal hours)
    {
        if (!WorkingHours.AreValid(hours))
            throw new RuleViolation("placement.hours-out-of-range",
                $"Hours per week lie above 0 and at most {WorkingHours.MaxPerWeek}, with at most two decimals.", "hoursPerWeek");
    }

    private static void RequireStart(LocalDate startedOn, CandidateState state, LocalDate today)
    {
        if (startedOn < state.RegisteredOn)
            throw new RuleViolation("placement.before-registration",
                $"A placement cannot start before the candidate's registration on {state.RegisteredOn:yyyy-MM-dd}.", "startedOn");
        NotInFuture(startedOn, today, "placement.started-in-future", "startedOn");
    }

    /// <summary>The contract a placement ends up with: required for channel sroi, refused for any other channel.</summary>
    private static SroiContractRef? ContractFor(PlacementChannel channel, ContractLookup lookup, SroiContractRef? current) =>
        (channel, lookup) switch
        {
            (_, ContractLookup.Unknown u) => throw new RuleViolation("placement.sroi-contract-unknown",
                $"Contract {u.ContractId} is not registered in the candidate's municipality.", "sroiContractId"),
            (PlacementChannel.Sroi, ContractLookup.Found f) => f.Contract,
            (PlacementChannel.Sroi, _) when current is not null => current,
            (PlacementChannel.Sroi, _) => throw new RuleViolation("placement.sroi-contract-required",
                "A placement through channel sroi names the SROI contract it was found under.", "sroiContractId"),
            (_, ContractLookup.Found) => throw new RuleViolation("placement.sroi-contract-without-sroi-channel",
                "Only a placement through channel sroi names an SROI contract.", "sroiContractId"),
            _ => null,
        };

    private static void NotInFuture(LocalDate date, LocalDate today, string code, string field)
    {
        if (date > today)
            throw new RuleViolation(code, $"{date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}); record what has happened.", field);
    }
}
