using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The service for the notification tests, on a database of its own: a clock the tests move, webhook retries a second
/// apart instead of minutes, Wolverine's scheduled messages polled every second, and a receiver on loopback.
/// </summary>
public sealed class NotificationsApi : LedgerApi
{
    public TestClock Clock { get; } = new();

    public WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        host.UseSetting("SROI_WEBHOOK_RETRY_SECONDS", "1,1,1,1,1,1");
        host.UseSetting("SROI_SCHEDULE_POLL_SECONDS", "1");
        host.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsApi>
{
    public const string Name = "notifications";
}
