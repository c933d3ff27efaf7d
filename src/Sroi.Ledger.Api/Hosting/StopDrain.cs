using System.Globalization;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// A graceful stop that a load balancer sees coming. Without it a stopping node closed its listener at once: the proxy
/// learned of it from refused connections (and Caddy cannot resend a write whose dial failed), so every stop of one node
/// of several cost clients a few retryable 503s. Now, on the stop signal (ApplicationStopping, which ConsoleLifetime
/// raises on SIGTERM before the host stops anything), <c>/health/ready</c> answers 503 at once, and the host's stop waits
/// <see cref="Period"/> (<c>SROI_DRAIN_SECONDS</c>) before the web server and Wolverine stop: long enough for the proxy's
/// health check (every second in ops/Caddyfile) to leave the node out, while the node keeps serving what still comes.
/// Then Kestrel finishes the requests in flight and Wolverine hands its work over, as before.
/// </summary>
public sealed class StopDrain : IHostedLifecycleService
{
    public const string Variable = "SROI_DRAIN_SECONDS";

    /// <summary>In Production: five health checks of ops/Caddyfile (1 s apart, 2 s timeout), with room to spare.</summary>
    public static readonly TimeSpan ProductionDefault = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The host's whole stop may take this much beyond the drain: what it allowed before (HostOptions' default 30 s), for
    /// Kestrel's requests in flight and Wolverine's own drain, so the wait here takes nothing from them.
    /// </summary>
    public static readonly TimeSpan StopAfterDrain = TimeSpan.FromSeconds(30);

    private readonly ILogger<StopDrain> logger;
    private readonly IHostApplicationLifetime lifetime;
    private volatile bool draining;

    public StopDrain(TimeSpan period, IHostApplicationLifetime lifetime, ILogger<StopDrain> logger)
    {
        (Period, this.lifetime, this.logger) = (period, lifetime, logger);
        lifetime.ApplicationStopping.Register(() => draining = true);
    }

    public TimeSpan Period { get; }

    /// <summary>The node is stopping: it still serves, but a load balancer should send it nothing new.</summary>
    public bool Draining => draining;

    /// <summary>
    /// <c>SROI_DRAIN_SECONDS</c>, whole seconds 0–300; unset: 5 in Production, 0 elsewhere (a developer's Ctrl+C, a test's
    /// host, which no proxy watches, stop at once). Compose sets it for its two nodes behind Caddy.
    /// </summary>
    public static TimeSpan PeriodFrom(IConfiguration configuration, IHostEnvironment environment) => configuration[Variable] switch
    {
        null or "" => environment.IsProduction() ? ProductionDefault : TimeSpan.Zero,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 300 => TimeSpan.FromSeconds(seconds),
        var text => throw new InvalidOperationException($"{Variable} must be a whole number of seconds from 0 to 300, not '{text}'."),
    };

    /// <summary>The drain, and a host stop long enough to hold it and what follows it.</summary>
    public static void AddStopDrain(IServiceCollection services, TimeSpan period)
    {
        services.AddSingleton(provider => new StopDrain(period, provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<StopDrain>>()));
        services.AddHostedService(provider => provider.GetRequiredService<StopDrain>());
        services.Configure<HostOptions>(options => options.ShutdownTimeout = period + StopAfterDrain);
    }

    /// <summary>
    /// Before any hosted service's StopAsync (the web server's and Wolverine's among them): the host calls every
    /// lifecycle service's StoppingAsync first. Also on a stop that did not come through ApplicationStopping first.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        // A node stopped while it starts has never been ready, so no balancer sends it anything: it stops at once.
        if (Period <= TimeSpan.Zero || !lifetime.ApplicationStarted.IsCancellationRequested) return;
        logger.LogInformation("Stopping: /health/ready answers 503; serving on for {Seconds} s so the load balancer leaves this node out first",
            Period.TotalSeconds);
        try
        {
            await Task.Delay(Period, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's stop ran out of time (or was cut short): stop now rather than hold it up.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
