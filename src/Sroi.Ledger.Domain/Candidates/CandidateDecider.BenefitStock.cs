using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>The benefit's act and the WSP's service: dated facts, recorded in effective order like the trede.</summary>
public static partial class CandidateDecider
{
    public static IReadOnlyList<ICandidateEvent> Decide(ChangeBenefitAct command, CandidateState state)
    {
        RequireRegistered(state);
        RequireMunicipalBenefit(state.TargetGroup, state.BenefitSince, "benefitAct");
        RequireInOrder(command.EffectiveOn, state, state.BenefitActs.LastOrDefault()?.EffectiveOn, "candidate.benefit-act");
        if (state.BenefitEnded is { } ended && command.EffectiveOn >= ended.EffectiveOn)
            throw new RuleViolation("candidate.benefit-already-ended",
                $"The benefit ended on {ended.EffectiveOn:yyyy-MM-dd}; its act cannot change from then on.", "effectiveOn");
        NotInFuture(command.EffectiveOn, command.Today, "candidate.benefit-act-change-in-future", "effectiveOn");
        if (state.BenefitActOn(command.EffectiveOn) == command.BenefitAct)
            throw new RuleViolation("candidate.benefit-act-unchanged", $"The benefit already falls under {command.BenefitAct} then.", "benefitAct");
        return [new BenefitActSet(command.BenefitAct, command.EffectiveOn)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(ChangeWspService command, CandidateState state)
    {
        RequireRegistered(state);
        RequireInOrder(command.EffectiveOn, state, state.WspService.LastOrDefault()?.EffectiveOn, "candidate.wsp-service");
        NotInFuture(command.EffectiveOn, command.Today, "candidate.wsp-service-change-in-future", "effectiveOn");
        if (state.ServedByWspOn(command.EffectiveOn) == command.Served)
            throw new RuleViolation("candidate.wsp-service-unchanged",
                command.Served ? "The WSP already serves the candidate then." : "The WSP already does not serve the candidate then.", "served");
        return [new WspServiceSet(command.Served, command.EffectiveOn)];
    }

    /// <summary>
    /// What a registration adds when it says more than <c>candidate.registered.v1</c> means by itself (Participatiewet,
    /// served by the WSP): the same facts a later change records, effective on the registration date, in the same append.
    /// </summary>
    private static IEnumerable<ICandidateEvent> RegisteredWith(RegisterCandidate command)
    {
        if (command.BenefitAct is { } act)
        {
            RequireMunicipalBenefit(command.TargetGroup, command.BenefitSince, "benefitAct");
            if (act != BenefitAct.Participatiewet) yield return new BenefitActSet(act, command.RegisteredOn);
        }
        if (command.ServedByWsp == false) yield return new WspServiceSet(false, command.RegisteredOn);
    }

    private static void RequireMunicipalBenefit(TargetGroup group, LocalDate? benefitSince, string field)
    {
        if (group != TargetGroup.Participatiewet || benefitSince is null)
            throw new RuleViolation("candidate.benefit-act-without-municipal-benefit",
                "Only a municipal benefit (target group participatiewet, with benefitSince) falls under an act: Participatiewet, IOAW or IOAZ.", field);
    }

    /// <summary>Not before registration, nor before the change in force (so each change follows the one before it).</summary>
    private static void RequireInOrder(LocalDate effectiveOn, CandidateState state, LocalDate? lastChange, string code)
    {
        if (effectiveOn < state.RegisteredOn)
            throw new RuleViolation($"{code}-change-before-registration",
                $"The candidate was registered on {state.RegisteredOn:yyyy-MM-dd}; record only what happens from then on.", "effectiveOn");
        if (lastChange is { } last && effectiveOn < last)
            throw new RuleViolation($"{code}-change-out-of-order",
                $"The change in force took effect on {last:yyyy-MM-dd}; a change cannot take effect before it.", "effectiveOn");
    }
}
