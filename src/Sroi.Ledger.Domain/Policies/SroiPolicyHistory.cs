using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Policies;

/// <summary>All versions of one municipality's policy; answers which one is in force on a date.</summary>
public sealed record SroiPolicyHistory(IReadOnlyList<SroiPolicyVersion> Versions)
{
    public static SroiPolicyHistory Empty { get; } = new([]);

    public SroiPolicyVersion? InForceOn(LocalDate date) =>
        Versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);

    public int NextVersionNumber => Versions.Count == 0 ? 1 : Versions.Max(v => v.Version) + 1;
}

/// <summary>An administrator adds a policy version. Versions are never edited: a change is a new version.</summary>
public sealed record AddSroiPolicyVersion(
    MunicipalityCode Municipality,
    LocalDate EffectiveFrom,
    decimal Percentage,
    SroiThresholds Thresholds,
    string Description);

/// <summary>Event <c>sroi-policy.version-added.v1</c>.</summary>
public sealed record SroiPolicyVersionAdded(SroiPolicyVersion Policy);

public static class SroiPolicyDecider
{
    public static SroiPolicyVersionAdded Decide(AddSroiPolicyVersion command, SroiPolicyHistory history)
    {
        if (command.Percentage is <= 0 or > 100)
            throw new RuleViolation("sroi-policy.percentage-out-of-range", "A policy percentage lies above 0 and at most 100.", "percentage");
        if (history.Versions.Any(v => v.EffectiveFrom == command.EffectiveFrom))
            throw new RuleViolation("sroi-policy.duplicate-effective-date",
                $"{command.Municipality} already has a policy version effective from {command.EffectiveFrom:yyyy-MM-dd}; add one with another date.",
                "effectiveFrom");
        return new SroiPolicyVersionAdded(new SroiPolicyVersion(
            command.Municipality, history.NextVersionNumber, command.EffectiveFrom, command.Percentage, command.Thresholds, command.Description));
    }

    public static SroiPolicyHistory Evolve(SroiPolicyHistory history, SroiPolicyVersionAdded added) =>
        new([.. history.Versions, added.Policy]);
}
