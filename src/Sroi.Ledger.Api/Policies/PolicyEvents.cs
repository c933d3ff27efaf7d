using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Policies;

/// <summary>A municipality's policy versions are one stream, so a new version is decided against all earlier ones.</summary>
public static class PolicyEvents
{
    public const string VersionAdded = "sroi-policy.version-added.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(SroiPolicyVersionAdded), VersionAdded)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"sroi-policy-{municipality}");
}
