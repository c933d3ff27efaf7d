using NodaTime;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Policies;

/// <summary>
/// The policy shipped with the service: Rijswijk's. Before 2021 Rijswijk followed the national line
/// (central government: 5% from €250.000); from 2021-01-01 its own (kadernota 2021: 5% from €150.000 for
/// all categories, seeds 000–002), both monitored under the default terms (a report every 6 months, 3 months to
/// repair a shortfall). Other municipalities add their own versions through the API.
/// </summary>
public static class DefaultPolicies
{
    public static IReadOnlyList<AddSroiPolicyVersion> Rijswijk { get; } =
    [
        new(MunicipalityCode.Rijswijk, new LocalDate(2000, 1, 1), 5m, SroiThresholds.Same(Money.FromEuros(250_000m)),
            "National line (central government): 5% of the contract value from €250.000, all categories.", MonitoringTerms.Default),
        new(MunicipalityCode.Rijswijk, new LocalDate(2021, 1, 1), 5m, SroiThresholds.Same(Money.FromEuros(150_000m)),
            "Rijswijk kadernota 2021: 5% of the contract value from €150.000, all categories.", MonitoringTerms.Default),
    ];
}
