using System.Globalization;
using Wolverine;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// How the service's Wolverine runtime shares the database with other nodes. SROI_DURABILITY: <c>balanced</c> (the
/// default in Production: several nodes behind a load balancer, one of them elected leader, every durable envelope
/// owned by exactly one live node) or <c>solo</c> (the default elsewhere: one node, which claims every envelope at start).
/// Two Solo nodes on one database both call themselves node 1 and both work the same envelopes (a webhook delivered
/// twice, issue 23), so Solo is for one process only.
/// SROI_NODE_STALE_SECONDS: how long a node may miss its heartbeats before the others declare it dead and take its
/// envelopes over (Wolverine's default when not set); the cluster tests shorten it so a killed node is replaced in seconds.
/// </summary>
public static class ClusterSettings
{
    public const string ModeSetting = "SROI_DURABILITY";
    public const string StaleSetting = "SROI_NODE_STALE_SECONDS";

    public static DurabilityMode Mode(IConfiguration configuration, IHostEnvironment environment) => configuration[ModeSetting] switch
    {
        null or "" => environment.IsProduction() ? DurabilityMode.Balanced : DurabilityMode.Solo,
        var text when text.Equals("balanced", StringComparison.OrdinalIgnoreCase) => DurabilityMode.Balanced,
        var text when text.Equals("solo", StringComparison.OrdinalIgnoreCase) => DurabilityMode.Solo,
        var text => throw new InvalidOperationException($"{ModeSetting} must be 'balanced' or 'solo', not '{text}'."),
    };

    public static void Apply(DurabilitySettings durability, IConfiguration configuration, IHostEnvironment environment)
    {
        durability.Mode = Mode(configuration, environment);
        if (configuration[StaleSetting] is not { Length: > 0 } text) return;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 2 or > 3600)
            throw new InvalidOperationException($"{StaleSetting} must be a whole number of seconds from 2 to 3600, not '{text}'.");
        // A node's heartbeat (its health check) must come several times within the stale time, or a busy live node is
        // taken for dead; the node reassignment runs as often, so a dead node's envelopes move within about the stale time.
        durability.StaleNodeTimeout = TimeSpan.FromSeconds(seconds);
        durability.HealthCheckPollingTime = TimeSpan.FromSeconds(Math.Max(1, seconds / 4.0));
        durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(Math.Max(1, seconds / 4.0));
        durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
        durability.FirstNodeReassignmentExecution = TimeSpan.FromSeconds(1);
        durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(Math.Max(1, seconds / 2.0));
    }
}
