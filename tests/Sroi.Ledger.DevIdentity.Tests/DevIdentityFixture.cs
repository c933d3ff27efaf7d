namespace Sroi.Ledger.DevIdentity.Tests;

/// <summary>One provider for the tests that do not change it (rotation and lifetimes start their own).</summary>
public sealed class DevIdentityFixture : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";

    public DevIdentityServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await DevIdentityServer.StartAsync(new DevIdentityOptions
        {
            Password = Password,
            ClientSecret = "dashboard-secret-for-tests",
            RedirectUris = [new Uri("http://localhost:5080/dashboard/signin-oidc"), new Uri("http://127.0.0.1:5999/dashboard/signin-oidc")],
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
