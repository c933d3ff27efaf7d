namespace Sroi.Ledger.Reliability.Tests;

/// <summary>
/// The fault tests run one after another: each puts write load on a service and breaks something under it, and two
/// at once on two shared cores would measure each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}
