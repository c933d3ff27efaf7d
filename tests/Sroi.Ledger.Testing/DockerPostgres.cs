using System.Security.Cryptography;
using Testcontainers.PostgreSql;

namespace Sroi.Ledger.Testing;

/// <summary>
/// The tests' PostgreSQL as a <c>postgres:15</c> container (Testcontainers), for machines with a Docker engine.
/// <see cref="Unavailable"/> is a cheap look for one (no Testcontainers code runs when it finds none);
/// <see cref="StartAsync"/> gives up after <see cref="StartTimeout"/>. The container is removed when the process
/// exits (and by Testcontainers' resource reaper when the process is killed).
/// </summary>
internal static class DockerPostgres
{
    public const string Image = "postgres:15";

    /// <summary>Long enough to start a container from a pulled image, short enough not to stall a run without one.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static PostgreSqlContainer? _container;

    /// <summary>Why there is no Docker engine to try, or null when there may be one.</summary>
    public static string? Unavailable()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return null;
        }

        List<string> sockets = ["/var/run/docker.sock"];
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            sockets.Add(Path.Combine(runtime, "docker.sock")); // rootless Docker
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            sockets.Add(Path.Combine(home, ".docker", "run", "docker.sock")); // Docker Desktop
        }

        return OperatingSystem.IsWindows() || sockets.Any(File.Exists)
            ? null
            : $"DOCKER_HOST is not set and there is no Docker socket ({string.Join(", ", sockets)})";
    }

    /// <summary>Starts the container and returns the connection string of its maintenance database.</summary>
    public static async Task<string> StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        PostgreSqlContainer? container = null;
        try
        {
            container = new PostgreSqlBuilder(Image)
                .WithDatabase("postgres")
                .WithPassword(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))
                // As many connections as the local cluster allows (the API tests run many at once).
                .WithCommand("-c", "max_connections=300")
                .Build();
            await container.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(container).ConfigureAwait(false);
            throw new TimeoutException($"it did not start within {StartTimeout.TotalSeconds:0} s", ex);
        }
        catch
        {
            await DisposeQuietlyAsync(container).ConfigureAwait(false);
            throw;
        }

        _container = container;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return container.GetConnectionString();
    }

    private static void Stop()
    {
        var container = Interlocked.Exchange(ref _container, null);
        if (container is null)
        {
            return;
        }

        try
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Removing the test PostgreSQL container failed: {ex.Message}");
        }
    }

    private static async Task DisposeQuietlyAsync(PostgreSqlContainer? container)
    {
        if (container is null)
        {
            return;
        }

        try
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Testcontainers' resource reaper removes what is left when the process ends.
            Console.Error.WriteLine($"Removing the test PostgreSQL container that did not start failed: {ex.Message}");
        }
    }
}
