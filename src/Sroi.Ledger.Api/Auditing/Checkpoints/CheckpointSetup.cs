namespace Sroi.Ledger.Api.Auditing.Checkpoints;

public static class CheckpointSetup
{
    /// <summary>
    /// The key (read when first needed — the schedule needs it at start, so a missing or broken key file stops the service
    /// then, while the engine's codegen command never touches it), the maker and its schedule.
    /// </summary>
    public static IServiceCollection AddCheckpoints(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        CheckpointSchedule.Interval(configuration);
        services.AddSingleton(provider => CheckpointKeySetup.Resolve(configuration, environment, provider.GetRequiredService<ILoggerFactory>().CreateLogger<CheckpointKey>()));
        services.AddSingleton<Checkpointer>();
        services.AddHostedService<CheckpointSchedule>();
        return services;
    }
}
