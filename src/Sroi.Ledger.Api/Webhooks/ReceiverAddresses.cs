using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// Which network addresses deliveries may reach. A subscriber key chooses the URL, so without a limit it could make the
/// service post into the network it runs in, or to itself: server-side request forgery. <see cref="Setting"/> = <c>deny</c>
/// refuses every special-purpose address (<see cref="SpecialAddresses"/>), every address of this host's own interfaces
/// (which may be public, or a documentation address as on a test host) and this host's own names; <c>allow</c> permits
/// them all (a receiver on the municipality's own network, development, the tests). The check is made when subscribing
/// and again on the address actually connected to, after DNS, so a name that later resolves elsewhere (DNS rebinding)
/// cannot slip past it.
/// </summary>
public sealed class ReceiverAddresses
{
    public const string Setting = "SROI_WEBHOOK_PRIVATE_NETWORKS";

    /// <summary>What a refused connection says: nothing about the name, its addresses or the port (the delivery log says less still).</summary>
    public const string RefusedMessage = "The receiver's address is not one deliveries may reach (" + Setting + ").";

    private readonly bool allowPrivate;
    private readonly Func<IEnumerable<IPAddress>> ownAddresses;
    private readonly Func<IEnumerable<string>> ownNames;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve;

    /// <param name="ownAddresses">This host's addresses (tests add one); default every interface's unicast addresses.</param>
    /// <param name="ownNames">This host's names (tests add one); default its host name and fully qualified name.</param>
    /// <param name="resolve">DNS (tests answer differently the second time, as a rebinding name would).</param>
    public ReceiverAddresses(bool allowPrivate, Func<IEnumerable<IPAddress>>? ownAddresses = null,
        Func<IEnumerable<string>>? ownNames = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        this.allowPrivate = allowPrivate;
        this.ownAddresses = ownAddresses ?? InterfaceAddresses;
        this.ownNames = ownNames ?? HostNames;
        this.resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

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

    /// <summary>Public, and not one of this host's own addresses (read anew each time: interfaces come and go).</summary>
    public bool Allows(IPAddress address)
    {
        if (allowPrivate) return true;
        var a = SpecialAddresses.Normalise(address);
        return SpecialAddresses.IsPublic(a) && !ownAddresses().Any(own => SpecialAddresses.Normalise(own).Equals(a));
    }

    /// <summary>
    /// A name for this host: <c>localhost</c> and its forms (RFC 6761 <c>*.localhost</c>, <c>localhost.localdomain</c>,
    /// <c>ip6-localhost</c>), this host's name and its fully qualified name; case and a final dot do not matter.
    /// </summary>
    public bool IsOwnName(string host)
    {
        if (allowPrivate) return false;
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name is "localhost" or "localhost.localdomain" or "ip6-localhost" or "ip6-loopback" || name.EndsWith(".localhost", StringComparison.Ordinal)
               || ownNames().Any(own => string.Equals(own.TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The host as an IP address, or null for a name. A final dot is the DNS root, not part of an address: "127.0.0.1." is
    /// 127.0.0.1 (the resolver would treat it so), not a name that may be left unresolved until the delivery.
    /// </summary>
    private static IPAddress? Literal(string host) =>
        IPAddress.TryParse(host.Trim('[', ']').TrimEnd('.'), out var literal) ? literal : null;

    /// <summary>
    /// Why a subscription's host is refused, or null. A name is resolved (for at most <paramref name="timeout"/>): one that
    /// resolves to any refused address is refused. One that does not resolve now is accepted — the receiver may not be
    /// set up yet — and is checked again on every delivery.
    /// </summary>
    public async Task<string?> RefusalAsync(Uri uri, TimeSpan timeout, CancellationToken ct)
    {
        if (allowPrivate) return null;
        var host = uri.IdnHost;
        const string why = "loopback, private, shared, link-local, reserved, documentation, benchmarking, multicast, or this service's own";
        if (Literal(host) is { } literal)
            return Allows(literal) ? null : $"This address is not public ({why}); deliveries may not go there ({Setting} is deny).";
        if (IsOwnName(host)) return $"This is a name of this service's own host; deliveries may not go there ({Setting} is deny).";
        IPAddress[] resolved;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try { resolved = await resolve(host, limit.Token); }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested) { return null; }
        return resolved.All(Allows) ? null : $"This name resolves to an address that is not public ({why}); deliveries may not go there ({Setting} is deny).";
    }

    /// <summary>
    /// The delivery client's connect step: refuse this host's own names, resolve, keep the addresses allowed, connect to
    /// one of them. The error says nothing of the name, the port or what it resolved to.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        if (IsOwnName(host)) throw new HttpRequestException(RefusedMessage);
        var resolved = Literal(host) is { } literal ? [literal] : await resolve(host, ct);
        var allowed = resolved.Where(Allows).ToArray();
        if (allowed.Length == 0) throw new HttpRequestException(RefusedMessage);
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

    /// <summary>Every unicast address of every interface, up or down (a down one may come up between check and connect).</summary>
    public static IEnumerable<IPAddress> InterfaceAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address)];
        }
        catch (NetworkInformationException) { return []; }
    }

    /// <summary>This host's name, and with its domain when it has one.</summary>
    public static IEnumerable<string> HostNames()
    {
        var name = Dns.GetHostName();
        var domain = IPGlobalProperties.GetIPGlobalProperties().DomainName;
        return domain is { Length: > 0 } ? [name, $"{name}.{domain}"] : [name];
    }
}
