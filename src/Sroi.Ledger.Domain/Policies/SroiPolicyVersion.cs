using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Policies;

/// <summary>
/// One version of a municipality's SROI policy: from <see cref="EffectiveFrom"/> on, contracts awarded at
/// or above the threshold of their category owe <see cref="Percentage"/> of their value.
/// </summary>
public sealed record SroiPolicyVersion(
    MunicipalityCode Municipality,
    int Version,
    LocalDate EffectiveFrom,
    decimal Percentage,
    SroiThresholds Thresholds,
    string Description)
{
    /// <summary>Stable name recorded with every obligation computed under this version, e.g. GM0603-v2.</summary>
    public string Id => $"{Municipality}-v{Version}";

    /// <summary>
    /// The terms its contracts are monitored under. Versions recorded before the terms existed have no such member in
    /// their stored JSON (or a null one): they are read as <see cref="MonitoringTerms.Default"/>, the event keeps its name.
    /// </summary>
    public MonitoringTerms Monitoring { get; init => field = value ?? MonitoringTerms.Default; } = MonitoringTerms.Default;

    /// <summary>
    /// What PSO certificates do under this version (issue 21); null: nothing. Left out of the stored JSON when null, so the
    /// versions recorded before it keep their shape and read as none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Pso.PsoRules? Pso { get; init; }
}

public sealed record SroiThresholds(Money Werken, Money Diensten, Money Leveringen)
{
    public static SroiThresholds Same(Money threshold) => new(threshold, threshold, threshold);

    public Money For(ContractCategory category) => category switch
    {
        ContractCategory.Werken => Werken,
        ContractCategory.Diensten => Diensten,
        ContractCategory.Leveringen => Leveringen,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
