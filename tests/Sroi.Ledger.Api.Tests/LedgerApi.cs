using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests;

/// <summary>The real service in memory, over its own fresh PostgreSQL database; shared by all API tests.</summary>
public sealed class LedgerApi : PostgresDatabaseFixture
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private WebApplicationFactory<Program>? factory;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            // UseSetting, not ConfigureAppConfiguration: Program reads these before the app is built.
            host.UseSetting("SROI_DATABASE", ConnectionString);
            host.UseSetting("SROI_ADMIN_KEY", AdminKey);
            host.UseEnvironment("Testing");
        });
        using var warmUp = factory.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await base.DisposeAsync();
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
