namespace Sroi.Ledger.Api.Auditing.Checkpoints;

public static class CheckpointSetup
{
    /// <summary>
    /// The key (read when first needed — the schedule needs it at start, so a missing or broken key file stops the service
    /// then, while the engine's codegen command never touches it), the maker and its schedule.
    /// </summary>
    /// <remarks>
    /// A command of the command line (<paramref name="command"/> not null) runs no schedule — it must never sign — and
    /// reads the key only when it is <c>verify</c>, which holds the ledger to the signed checkpoints.
    /// </remarks>
    public static IServiceCollection AddCheckpoints(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string? command = null)
    {
        CheckpointSchedule.Interval(configuration);
        // import writes, and every commit that appends signs its chain heads with the key.
        if (command is null or "verify" or "import")
            services.AddSingleton(provider => CheckpointKeySetup.Resolve(configuration, environment, provider.GetRequiredService<ILoggerFactory>().CreateLogger<CheckpointKey>()));
        else
            services.AddSingleton(_ => CheckpointKey.Unused());
        services.AddSingleton<Checkpointer>();
        if (command is null)
            services.AddHostedService<CheckpointSchedule>();
        return services;
    }
}
