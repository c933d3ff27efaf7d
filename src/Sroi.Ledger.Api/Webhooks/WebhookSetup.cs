namespace Sroi.Ledger.Api.Webhooks;

/// <summary>What the webhooks need from the container: their settings, the secrets' encryption and the delivery client.</summary>
public static class WebhookSetup
{
    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(RetrySchedule.From(configuration));
        services.AddSingleton(SubscriptionSettings.From(configuration));
        WebhookSecrets.AddTo(services, configuration);
        services.AddHostedService<PlainSecretEncryption>();
        var addresses = ReceiverAddresses.From(configuration, environment);
        services.AddSingleton(addresses);
        services.AddHttpClient(DeliveryHandler.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => DeliveryHandler.Handler(addresses));
    }
}
