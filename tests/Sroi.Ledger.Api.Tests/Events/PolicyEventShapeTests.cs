using NodaTime;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// Pins the stored JSON of <c>sroi-policy.version-added.v1</c>. The event gained one member, <c>monitoring</c>; the
/// versions recorded before it have none and are read, and folded, as the default terms.
/// </summary>
public class PolicyEventShapeTests
{
    private const string Before = """{"policy":{"municipality":"GM0603","version":2,"effectiveFrom":"2021-01-01","percentage":5,"thresholds":{"werken":150000.00,"diensten":150000.00,"leveringen":150000.00},"description":"kadernota 2021"}}""";

    private static readonly SroiPolicyVersionAdded Added = new(new SroiPolicyVersion(MunicipalityCode.Rijswijk, 2, new LocalDate(2021, 1, 1), 5m,
        SroiThresholds.Same(Money.FromEuros(150_000m)), "kadernota 2021") { Monitoring = new MonitoringTerms(3, 1) });

    private static SroiPolicyHistory Folded(string json) =>
        SroiPolicyDecider.Evolve(SroiPolicyHistory.Empty, EventJson.Deserialize<SroiPolicyVersionAdded>(json));

    [Fact]
    public void Version_added_v1_with_its_monitoring_terms()
    {
        PolicyEvents.Mapped.Should().Equal((typeof(SroiPolicyVersionAdded), "sroi-policy.version-added.v1"));
        EventJson.Serialize(Added).Should().Be(
            """{"policy":{"municipality":"GM0603","version":2,"effectiveFrom":"2021-01-01","percentage":5,"thresholds":{"werken":150000.00,"diensten":150000.00,"leveringen":150000.00},"description":"kadernota 2021","monitoring":{"reportingIntervalMonths":3,"repairPeriodMonths":1}}}""");
        Folded(EventJson.Serialize(Added)).Versions.Single().Should().Be(Added.Policy);
    }

    [Fact]
    public void A_version_recorded_before_the_monitoring_terms_folds_with_the_defaults()
    {
        var version = Folded(Before).Versions.Single();

        version.Monitoring.Should().Be(new MonitoringTerms(6, 3));
        version.Should().Be(Added.Policy with { Monitoring = MonitoringTerms.Default });
        Folded(Before.Replace("\"kadernota 2021\"}", "\"kadernota 2021\",\"monitoring\":null}")).Versions.Single().Monitoring
            .Should().Be(MonitoringTerms.Default);
    }
}
