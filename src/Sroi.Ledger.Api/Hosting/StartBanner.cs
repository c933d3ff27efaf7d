using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// What a developer needs once the service listens: the addresses it is really bound to (from the server's addresses
/// feature, after start: ASPNETCORE_URLS, --urls or a port 0 all end up there), the Swagger UI and the dashboard under
/// the first of them, and the development admin key when one was generated. Printed after start, so it never names an
/// address the service failed to bind. Only for the service: a command starts no server and prints no key.
/// </summary>
public static class StartBanner
{
    public static void PrintWhenStarted(WebApplication app, string? developmentAdminKey, TextWriter output) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is not { Count: > 0 }) return; // an in-memory test server binds nothing
            var first = Browsable(addresses.First());
            output.WriteLine();
            output.WriteLine($"  Sroi.Ledger listening on {string.Join(", ", addresses)}");
            output.WriteLine($"  Swagger UI: {first}/api/v1/docs");
            output.WriteLine($"  Dashboard:  {first}/dashboard");
            if (developmentAdminKey is not null)
                output.WriteLine($"  Development admin key: {developmentAdminKey}");
            output.WriteLine();
        });

    /// <summary>A wildcard binding (http://[::]:5080, http://0.0.0.0:5080, http://+:5080) as a URL a browser opens.</summary>
    public static string Browsable(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "[::]" or "::" or "0.0.0.0") uri.Host = "localhost";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
