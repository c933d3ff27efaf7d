using System.Net;
using System.Net.Sockets;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// Whether an address is one a receiver on the public internet can have, after the IANA IPv4 and IPv6 Special-Purpose
/// Address Registries. Everything those registries set apart is refused — loopback, private, shared, link-local,
/// documentation, benchmarking, reserved, multicast, broadcast — and so is every IPv6 address outside global unicast
/// (2000::/3), which covers unique local, site-local, link-local, multicast and the IPv4-compatible and -translated forms.
/// An IPv4 address written inside IPv6 (mapped, NAT64, 6to4) is judged by the IPv4 address it carries, so
/// <c>::ffff:127.0.0.1</c> or <c>2002:7f00:1::</c> cannot smuggle loopback past the check; Teredo (inside 2001::/23) is
/// refused outright.
/// </summary>
public static class SpecialAddresses
{
    private static readonly AddressRange[] V4 =
    [
        new("0.0.0.0/8", "this network"), new("10.0.0.0/8", "private"), new("100.64.0.0/10", "shared address space"),
        new("127.0.0.0/8", "loopback"), new("169.254.0.0/16", "link-local"), new("172.16.0.0/12", "private"),
        new("192.0.0.0/24", "IETF protocol assignments"), new("192.0.2.0/24", "documentation (TEST-NET-1)"),
        new("192.88.99.0/24", "deprecated 6to4 relay anycast"), new("192.168.0.0/16", "private"),
        new("198.18.0.0/15", "benchmarking"), new("198.51.100.0/24", "documentation (TEST-NET-2)"),
        new("203.0.113.0/24", "documentation (TEST-NET-3)"), new("224.0.0.0/4", "multicast"),
        new("240.0.0.0/4", "reserved, and the limited broadcast address"),
    ];

    private static readonly AddressRange GlobalUnicast = new("2000::/3", "global unicast");
    private static readonly AddressRange Nat64 = new("64:ff9b::/96", "IPv4/IPv6 translation");
    private static readonly AddressRange SixToFour = new("2002::/16", "6to4");

    /// <summary>What the IPv6 registry sets apart inside 2000::/3 (everything outside it is refused anyway).</summary>
    private static readonly AddressRange[] V6 =
    [
        new("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID)"), new("2001:db8::/32", "documentation"),
        new("3fff::/20", "documentation"),
    ];

    /// <summary>An address a public receiver can have; false for every special-purpose one.</summary>
    public static bool IsPublic(IPAddress address)
    {
        var a = Normalise(address);
        if (a.AddressFamily == AddressFamily.InterNetwork) return !V4.Any(r => r.Contains(a));
        if (a.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var bytes = a.GetAddressBytes();
        // A NAT64 or 6to4 address reaches the IPv4 address inside it: that one decides.
        if (Nat64.Contains(a)) return IsPublic(new IPAddress(bytes[12..16]));
        if (SixToFour.Contains(a)) return IsPublic(new IPAddress(bytes[2..6]));
        return GlobalUnicast.Contains(a) && !V6.Any(r => r.Contains(a));
    }

    /// <summary>The IPv4 address of an IPv4-mapped IPv6 one; IPv6 without its scope id (so equal addresses compare equal).</summary>
    public static IPAddress Normalise(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes())
        : address;

    private sealed class AddressRange
    {
        private readonly byte[] prefix;
        private readonly int bits;

        public AddressRange(string cidr, string name)
        {
            var slash = cidr.IndexOf('/');
            prefix = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
            bits = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            Name = name;
        }

        public string Name { get; }

        public bool Contains(IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.Length != prefix.Length) return false;
            var whole = bits / 8;
            if (!bytes.AsSpan(0, whole).SequenceEqual(prefix.AsSpan(0, whole))) return false;
            var rest = bits % 8;
            if (rest == 0) return true;
            var mask = (byte)(0xFF << (8 - rest));
            return (bytes[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
