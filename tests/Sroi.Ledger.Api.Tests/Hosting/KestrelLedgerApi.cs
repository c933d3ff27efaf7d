using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Sroi.Ledger.Api.Tests.Hosting;

/// <summary>
/// The service on a real Kestrel, on a free loopback port, over its own database: what Kestrel answers itself (before
/// any middleware) can only be seen there, the in-memory test server has no Kestrel. The body limit is set to 64 KiB,
/// so the setting is proven too; one extra route throws, to show what an escaped exception looks like.
/// </summary>
public class KestrelLedgerApi : LedgerApi
{
    public const int BodyLimit = 64 * 1024;
    public const string ThrowingPath = "/fixture-only/throw";
    public const string Secret = "a detail no client may see";

    public Uri Address { get; private set; } = null!;

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        host.UseSetting("ASPNETCORE_URLS", "http://127.0.0.1:0");
        host.UseSetting("SROI_MAX_REQUEST_BODY_BYTES", BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        host.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowingRoute()));
    }

    protected override WebApplicationFactory<Program> Customise(WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel();
        return factory;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());
    }

    /// <summary>Sends <paramref name="request"/> as bytes on a new connection and reads until the server closes it.</summary>
    public async Task<string> SendRawAsync(byte[] request, byte[]? thenBody = null)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync(Address.Host, Address.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        if (thenBody is not null) await stream.WriteAsync(thenBody, timeout.Token);
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            received.Write(buffer, 0, read);
        return Encoding.UTF8.GetString(received.ToArray());
    }

    public Task<string> SendRawAsync(string request) => SendRawAsync(Encoding.UTF8.GetBytes(request));

    /// <summary>Throws for one path, after the service's own middleware: the exception handler has to catch it.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, inner) => context.Request.Path == ThrowingPath ? throw new InvalidOperationException(Secret) : inner(context));
        };
    }
}
