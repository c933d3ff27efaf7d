using NodaTime;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>
/// The act a municipal benefit (bijstand) falls under; serialised in kebab case. Only a candidate of target group
/// participatiewet has one: the kadernota's benefit stock is the municipality's own benefits, WW and WIA are the UWV's.
/// </summary>
public enum BenefitAct
{
    Participatiewet,

    /// <summary>Inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze werknemers.</summary>
    Ioaw,

    /// <summary>Inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen zelfstandigen.</summary>
    Ioaz,
}

/// <summary>
/// <c>candidate.benefit-act-set.v1</c>: from <see cref="EffectiveOn"/> the candidate's benefit falls under
/// <see cref="BenefitAct"/>. Until the first one, a benefit falls under the Participatiewet (what a registration means).
/// </summary>
public sealed record BenefitActSet(BenefitAct BenefitAct, LocalDate EffectiveOn) : ICandidateEvent;

/// <summary>
/// <c>candidate.wsp-service-set.v1</c>: from <see cref="EffectiveOn"/> the WSP does (or no longer does) guide the
/// candidate towards work. Until the first one, a registered candidate is served (the WSP registered them).
/// </summary>
public sealed record WspServiceSet(bool Served, LocalDate EffectiveOn) : ICandidateEvent;

public sealed record ChangeBenefitAct(BenefitAct BenefitAct, LocalDate EffectiveOn, LocalDate Today);

public sealed record ChangeWspService(bool Served, LocalDate EffectiveOn, LocalDate Today);

/// <summary>One act the benefit fell under, from a date (set at registration or changed later).</summary>
public sealed record BenefitActHeld(BenefitAct BenefitAct, LocalDate EffectiveOn);

/// <summary>Whether the WSP served the candidate, from a date.</summary>
public sealed record WspServiceHeld(bool Served, LocalDate EffectiveOn);
