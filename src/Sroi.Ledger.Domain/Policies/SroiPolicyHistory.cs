using NodaTime;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Policies;

/// <summary>All versions of one municipality's policy; answers which one is in force on a date.</summary>
public sealed record SroiPolicyHistory(IReadOnlyList<SroiPolicyVersion> Versions)
{
    public static SroiPolicyHistory Empty { get; } = new([]);

    public SroiPolicyVersion? InForceOn(LocalDate date) =>
        Versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);

    /// <summary>
    /// The terms a contract is monitored under: those of the version its obligation records; when it records none (set by
    /// procurement without a policy) or one this history does not hold, those of the version in force on its award date;
    /// else the defaults.
    /// </summary>
    public MonitoringTerms MonitoringTermsFor(string? policyVersion, LocalDate awardedOn) =>
        (Versions.FirstOrDefault(v => v.Id == policyVersion) ?? InForceOn(awardedOn))?.Monitoring ?? MonitoringTerms.Default;

    public int NextVersionNumber => Versions.Count == 0 ? 1 : Versions.Max(v => v.Version) + 1;
}

/// <summary>An administrator adds a policy version. Versions are never edited: a change is a new version.</summary>
public sealed record AddSroiPolicyVersion(
    MunicipalityCode Municipality,
    LocalDate EffectiveFrom,
    decimal Percentage,
    SroiThresholds Thresholds,
    string Description,
    MonitoringTerms Monitoring)
{
    /// <summary>What PSO certificates do under the version; null: nothing.</summary>
    public Pso.PsoRules? Pso { get; init; }
}

/// <summary>Event <c>sroi-policy.version-added.v1</c>.</summary>
public sealed record SroiPolicyVersionAdded(SroiPolicyVersion Policy);

public static class SroiPolicyDecider
{
    public static SroiPolicyVersionAdded Decide(AddSroiPolicyVersion command, SroiPolicyHistory history)
    {
        if (command.Percentage is <= 0 or > 100)
            throw new RuleViolation("sroi-policy.percentage-out-of-range", "A policy percentage lies above 0 and at most 100.", "percentage");
        if (!MonitoringTerms.IsReportingInterval(command.Monitoring.ReportingIntervalMonths))
            throw new RuleViolation("sroi-policy.reporting-interval-out-of-range",
                $"A reporting interval is {MonitoringTerms.MinReportingIntervalMonths} to {MonitoringTerms.MaxReportingIntervalMonths} months.", "reportingIntervalMonths");
        if (!MonitoringTerms.IsRepairPeriod(command.Monitoring.RepairPeriodMonths))
            throw new RuleViolation("sroi-policy.repair-period-out-of-range",
                $"A repair period is {MonitoringTerms.MinRepairPeriodMonths} to {MonitoringTerms.MaxRepairPeriodMonths} months.", "repairPeriodMonths");
        command.Pso?.Check();
        if (history.Versions.Any(v => v.EffectiveFrom == command.EffectiveFrom))
            throw new RuleViolation("sroi-policy.duplicate-effective-date",
                $"{command.Municipality} already has a policy version effective from {command.EffectiveFrom:yyyy-MM-dd}; add one with another date.",
                "effectiveFrom");
        return new SroiPolicyVersionAdded(new SroiPolicyVersion(
            command.Municipality, history.NextVersionNumber, command.EffectiveFrom, command.Percentage, command.Thresholds, command.Description)
        {
            Monitoring = command.Monitoring,
            Pso = command.Pso is { HasEffect: true } pso ? pso : null,
        });
    }

    public static SroiPolicyHistory Evolve(SroiPolicyHistory history, SroiPolicyVersionAdded added) =>
        new([.. history.Versions, added.Policy]);
}
