using Wolverine;
using Wolverine.ErrorHandling;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// How the ledger uses Wolverine's messaging: every message is handled on a durable local queue (stored in PostgreSQL in
/// the transaction that sends it, so it survives a crash), and the handlers are named here, not discovered by
/// convention, so a reader finds each message's handler in one list.
/// </summary>
public static class Messaging
{
    public static void Configure(WolverineOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        // Balanced in Production: any number of nodes on one database; Wolverine elects a leader (a PostgreSQL advisory
        // lock), gives every node a number of its own and hands a dead node's envelopes and scheduled messages to the
        // living (ClusterSettings). Solo elsewhere: one process owns everything and recovers it the moment it starts,
        // which is what development restarts and the in-process tests want.
        ClusterSettings.Apply(options.Durability, configuration, environment);
        options.Policies.UseDurableLocalQueues();
        // The owner creates the tables (MessageStorage.ApplyAsync); the service's role may not.
        options.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;
        var pollSeconds = int.TryParse(configuration["SROI_SCHEDULE_POLL_SECONDS"], out var s) && s > 0 ? s : 5;
        options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(pollSeconds);
        options.Durability.ScheduledJobFirstExecution = TimeSpan.FromSeconds(1);
        // A database that is away (restarting, failing over) must not cost a delivery or a deadline check: the message is
        // tried again later, for as long as it takes. Any other failure is Wolverine's default (a few tries, then its
        // dead-letter table, wolverine.wolverine_dead_letters).
        options.OnException(Database.DatabaseFailure.IsUnavailable, "the database is unavailable")
            .ScheduleRetryIndefinitely(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

        options.Discovery.DisableConventionalDiscovery()
            .IncludeType(typeof(Webhooks.DeliveryHandler))    // DeliverWebhook → POST, then the next attempt scheduled
            .IncludeType(typeof(ContractDeadlineHandler))     // ContractDeadlineCheck → time-driven signals, the next check scheduled
            .IncludeType(typeof(Pso.PsoReapplicationHandler)); // ReapplyPso → contract.pso-applied.v1 on each affected contract

        options.Services.AddHostedService<MonitoringArming>();
        // Contracts certified before PSO was folded in get their terms once per back-fill version (Pso/PsoBackfill).
        options.Services.AddHostedService<Pso.PsoBackfill>();
        Webhooks.WebhookSetup.Add(options.Services, configuration, environment);
    }
}
