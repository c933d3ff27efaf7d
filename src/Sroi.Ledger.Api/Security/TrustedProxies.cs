using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Sroi.Ledger.Api.Security;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> this service believes (<c>SROI_TRUSTED_PROXIES</c>: a comma list of
/// addresses or CIDR networks, such as <c>127.0.0.1</c> or <c>10.20.0.0/16</c>; none by default). Behind a proxy every
/// request comes from the proxy's address, so everything the service counts by a request's address — the rate and
/// in-flight limits of requests without a known key, and which addresses may have a key looked up (RateLimiting) — counted
/// every client as one: one client's flood used up every other client's share. With the proxy listed, ASP.NET's
/// forwarded-headers middleware makes the connection's remote address the client the proxy saw, for a request that came
/// from a listed address only (anyone else's <c>X-Forwarded-For</c> is ignored), and it takes one hop: the last address
/// in the header, the one the listed proxy itself wrote (Caddy and nginx as in ops/ write the address they accepted the
/// connection from). Only <c>X-Forwarded-For</c>: the scheme and host stay the connection's (HSTS and the sign-in's
/// addresses do not follow a header; Security/SecurityHeaders).
/// </summary>
public static class TrustedProxies
{
    public const string Variable = "SROI_TRUSTED_PROXIES";

    /// <summary>The networks configured (an address is a network of one); a malformed entry stops the start with the reason.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> Networks(IConfiguration configuration)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (configuration[Variable] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                // 10.20.0.1/16 would be read as 10.20.0.0/16: a network written with its host's bits is refused, not widened.
                if (entry.Contains('/') && !IPAddress.Parse(entry[..entry.IndexOf('/')]).Equals(network.BaseAddress))
                    throw new InvalidOperationException(
                        $"{Variable}: '{entry}' is not an address or a network: its address has bits beyond the prefix; write {network} for the network, or the address alone.");
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/'))
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else
                throw new InvalidOperationException(
                    $"{Variable}: '{entry}' is not an address or a network; expected addresses or CIDR networks such as 127.0.0.1 or 10.20.0.0/16, comma-separated.");
        }
        return networks;
    }

    /// <summary>
    /// The forwarded-headers middleware, first in the pipeline, only when a proxy is listed. Its own defaults (loopback
    /// trusted) are cleared: with nothing listed the middleware is not there at all, and a header is believed from the
    /// listed proxies alone.
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var networks = Networks(app.Configuration);
        if (networks.Count == 0) return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in networks)
            options.KnownIPNetworks.Add(network);
        app.UseForwardedHeaders(options);
    }
}
