using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests;

/// <summary>
/// The real service in memory, over its own fresh PostgreSQL database; shared by all API tests. As in production, the
/// fixture's role owns the schema (SROI_DATABASE_OWNER) and the service runs as a role of its own that only gets
/// what the owner grants it, so every API test also proves the service needs no more.
/// </summary>
public class LedgerApi : PostgresDatabaseFixture
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private WebApplicationFactory<Program>? factory;
    private string? serviceRole;

    /// <summary>The checkpoint signing key, a file of this fixture's own (created by the service).</summary>
    public string CheckpointKeyFile { get; } = Path.Combine(Path.GetTempPath(), $"sroi-test-checkpoint-key-{Guid.NewGuid():N}.pem");

    /// <summary>The service's own connection (not the schema's owner).</summary>
    public string ServiceConnectionString { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        serviceRole = "sroi_service_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var database = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using (var create = DataSource.CreateCommand(
            $"CREATE ROLE {serviceRole} LOGIN PASSWORD '{password}'; GRANT CONNECT ON DATABASE \"{database}\" TO {serviceRole}"))
            await create.ExecuteNonQueryAsync();
        ServiceConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Username = serviceRole, Password = password }.ConnectionString;

        factory = Customise(new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            Settings(host);
            ConfigureHost(host);
        }));
        using var warmUp = factory.CreateClient();
    }

    private void Settings(IWebHostBuilder host)
    {
        // UseSetting, not ConfigureAppConfiguration: Program reads these before the app is built.
        host.UseSetting("SROI_DATABASE", ServiceConnectionString);
        host.UseSetting("SROI_DATABASE_OWNER", ConnectionString);
        host.UseSetting("SROI_ADMIN_KEY", AdminKey);
        // Off: the suite (and its fuzz test) sends thousands of requests with a handful of keys. RateLimitingTests runs its own.
        host.UseSetting("SROI_RATE_LIMIT_PER_MINUTE", "0");
        // Off too: test classes run side by side with those same keys, some sending twenty writes at once. InFlightLimitTests runs its own.
        host.UseSetting("SROI_REQUESTS_IN_FLIGHT_PER_CALLER", "0");
        host.UseSetting("SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER", "0");
        host.UseSetting("SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE", "0");
        host.UseEnvironment("Testing");
        host.UseSetting("SROI_CHECKPOINT_KEY_FILE", CheckpointKeyFile);
        // Checkpoints on demand only: a round at start would sign whatever the other tests' fixtures hold by then.
        host.UseSetting("SROI_CHECKPOINT_INTERVAL_MINUTES", "0");
    }

    /// <summary>
    /// Another node of the service on the same database, with the same settings (its own start: the schema, the back-fills
    /// and the hosted services run again, as when a second instance of a deployment starts). Started by its first client;
    /// the caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> AnotherNode() => new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
    {
        Settings(host);
        ConfigureHost(host);
    });

    /// <summary>For a fixture that needs more of the host (settings, a real Kestrel): called after the settings above.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder host) { }

    protected virtual WebApplicationFactory<Program> Customise(WebApplicationFactory<Program> factory) => factory;

    public override async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        File.Delete(CheckpointKeyFile);
        await base.DisposeAsync();
        if (serviceRole is not null)
        {
            // The database and with it every grant are gone; the role is the cluster's.
            await using var admin = new Npgsql.NpgsqlConnection(await TestPostgres.AdminConnectionStringAsync());
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP ROLE IF EXISTS {serviceRole}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public HttpClient Client(string? key = null)
    {
        var client = factory!.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Admin() => Client(AdminKey);

    /// <summary>The running service's services (its Marten store, for a projection rebuild).</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>Issues a key through the API and returns a client that uses it.</summary>
    public async Task<HttpClient> ClientAsync(string role, string municipality = "GM0603", string? kvkNumber = null)
    {
        var response = await Admin().PostAsJsonAsync("/api/v1/api-keys", new { role, municipality, kvkNumber });
        response.EnsureSuccessStatusCode();
        var issued = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return Client(issued["key"]!.GetValue<string>());
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<LedgerApi>
{
    public const string Name = "api";
}
