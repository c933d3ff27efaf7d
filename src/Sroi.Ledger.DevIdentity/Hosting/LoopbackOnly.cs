using System.Net;
using System.Net.Sockets;

namespace Sroi.Ledger.DevIdentity.Hosting;

/// <summary>The provider knows every password: it refuses to listen anywhere but on this machine's loopback.</summary>
public static class LoopbackOnly
{
    public static IPAddress[] AddressesOf(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"The development identity provider serves plain http on loopback only, not {url}.");
        if (url.IsLoopback && url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
            return [address];
        throw new ArgumentException(
            $"The development identity provider listens on loopback only (localhost, 127.0.0.1, [::1]), not on {url.Host}: it is for development, never for production.");
    }

    /// <summary>A port no one listens on now (the issuer must be known before the server starts).</summary>
    public static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
