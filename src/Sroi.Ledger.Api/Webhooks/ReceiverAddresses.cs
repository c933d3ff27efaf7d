using System.Net;
using System.Net.Sockets;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// Which network addresses deliveries may reach. A subscriber key chooses the URL, so without a limit it could make the
/// service post into the network it runs in (loopback, private ranges, link-local cloud metadata): server-side request
/// forgery. <see cref="Setting"/> = <c>deny</c> refuses those addresses, <c>allow</c> permits them (a receiver on the
/// municipality's own network, development, the tests). The check is made on the address actually connected to, after
/// DNS, so a name that later resolves elsewhere cannot slip past it.
/// </summary>
public sealed class ReceiverAddresses(bool allowPrivate)
{
    public const string Setting = "SROI_WEBHOOK_PRIVATE_NETWORKS";

    /// <summary><c>deny</c> in Production unless set, <c>allow</c> elsewhere unless set.</summary>
    public static ReceiverAddresses From(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[Setting]?.Trim().ToLowerInvariant() switch
        {
            "allow" => new(true),
            "deny" => new(false),
            null or "" => new(!environment.IsProduction()),
            var other => throw new InvalidOperationException($"{Setting} must be allow or deny, not '{other}'."),
        };

    public bool AllowPrivate => allowPrivate;

    public bool Allows(IPAddress address) => allowPrivate || IsPublic(address);

    /// <summary>Not loopback, private (RFC 1918, unique local), shared (100.64/10), link-local, unspecified or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224);
        }
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (address.GetAddressBytes()[0] & 0xFE) == 0xFC);
    }

    /// <summary>The delivery client's connect step: resolve, keep the addresses allowed, connect to one of them.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = resolved.Where(Allows).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{host} resolves only to addresses deliveries may not reach (loopback, private or link-local; {Setting}).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
