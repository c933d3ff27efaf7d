using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Sroi.Ledger.Reliability.Tests.Outages;

/// <summary>The service in this process (as the API tests run it), on a database of the test's own server.</summary>
public sealed class InProcessLedger(ServiceLogin login, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
    {
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            host.UseSetting(name, value);
        // UseSetting, not ConfigureAppConfiguration: Program reads these before the app is built.
        host.UseSetting("SROI_DATABASE", login.Service);
        host.UseSetting("SROI_DATABASE_OWNER", login.Owner);
        host.UseSetting("SROI_ADMIN_KEY", ServiceLogin.AdminKey);
        // Writers share two keys under load: what is measured is faults, not the per-key limit.
        host.UseSetting("SROI_RATE_LIMIT_PER_MINUTE", "0");
        host.UseEnvironment("Testing");
        host.UseSetting("SROI_CHECKPOINT_KEY_FILE", Path.Combine(Path.GetTempPath(), "sroi-reliability-checkpoint-key.pem"));
    });

    public HttpClient Client(string? key = null)
    {
        var client = factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
