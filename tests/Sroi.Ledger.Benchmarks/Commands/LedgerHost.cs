extern alias api;

using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// The service's own host in this process, built by its own <c>Program</c> (ASP.NET's <see cref="WebApplicationFactory{TEntryPoint}"/>,
/// as the API tests build it), on the harness's database: the command path gets exactly the services the service
/// registers (the writer with its Wolverine runtime and outbox, the store with its commit signer, the readers). A copy of
/// that wiring in the harness rotted when the writer gained a dependency; this cannot. Nothing is sent over HTTP: the
/// handlers are called directly (<see cref="LedgerCommands"/>). The one addition is <paramref name="saves"/>, a listener on
/// the service's own store options that counts commit attempts.
/// </summary>
internal sealed class LedgerHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<api::Program> factory;
    private readonly string keyFile;
    private readonly bool ownKeyFile;

    /// <param name="keyFile">The checkpoint key the service signs with; null: a file of its own. The harness's
    /// (<see cref="BenchDatabase.KeyFile"/>) when the ledger is verified afterwards: the building-block tables the
    /// database's preparation seeded are signed with it, and a verifier trusts one key.</param>
    public LedgerHost(string connectionString, SaveCounter saves, string? keyFile = null)
    {
        // The factory looks for the service's content root from the working directory (MvcTestingAppManifest.json), else
        // from the solution: run from the repository's root, as the usage says, or from a copy of the output folder, it
        // found neither. Its own setting for the purpose wins over both; the harness's output folder holds the service's
        // appsettings.json, as a published service's folder does.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SROI_LEDGER_API", AppContext.BaseDirectory);
        ownKeyFile = keyFile is null;
        this.keyFile = keyFile ?? Path.Combine(Path.GetTempPath(), $"sroi-bench-checkpoint-key-{Guid.NewGuid():N}.pem");
        factory = new WebApplicationFactory<api::Program>().WithWebHostBuilder(host =>
        {
            // UseSetting, not ConfigureAppConfiguration: Program reads these before the app is built. As the HTTP mode
            // configures the service binary (Http/ServiceDatabase), on the harness's database, whose schema it owns.
            host.UseSetting("SROI_DATABASE", connectionString);
            host.UseSetting("SROI_ADMIN_KEY", "bench_admin_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            host.UseSetting("SROI_RATE_LIMIT_PER_MINUTE", "0");
            host.UseSetting("SROI_CHECKPOINT_KEY_FILE", this.keyFile); // the field: the parameter is null when the host makes its own
            host.UseSetting("SROI_CHECKPOINT_INTERVAL_MINUTES", "0");
            host.UseEnvironment("Production");
            // The service's information lines would bury the harness's own (over appsettings.json's Information).
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.ConfigureServices(services => services.ConfigureMarten(options => options.Listeners.Add(saves)));
        });
    }

    /// <summary>The running service's services (the host starts on first use).</summary>
    public IServiceProvider Services => factory.Services;

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        if (ownKeyFile) File.Delete(keyFile);
    }
}
