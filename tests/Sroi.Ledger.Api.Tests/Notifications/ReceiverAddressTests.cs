using System.Net;
using Microsoft.Extensions.Configuration;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Webhooks;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// Where deliveries may go: with private networks denied (Production's default) a subscription to a special-purpose
/// address (IANA's IPv4 and IPv6 registries), to one of this host's own addresses or to one of its names is refused, and
/// the delivery client refuses to connect there, checked on the address it resolves at connect time, not on the URL's text.
/// </summary>
public class ReceiverAddressTests
{
    private static readonly ReceiverAddresses Deny = new(allowPrivate: false);

    [Theory]
    [InlineData("0.0.0.0")] // this network
    [InlineData("0.1.2.3")]
    [InlineData("10.1.2.3")] // private
    [InlineData("100.64.0.1")] // shared (carrier-grade NAT)
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")] // loopback
    [InlineData("127.255.0.9")]
    [InlineData("169.254.169.254")] // link-local: cloud metadata
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")] // IETF protocol assignments
    [InlineData("192.0.2.2")] // documentation (TEST-NET-1): the address the tester's host had
    [InlineData("192.88.99.1")] // deprecated 6to4 relay
    [InlineData("192.168.1.10")]
    [InlineData("198.18.0.1")] // benchmarking
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")] // TEST-NET-2
    [InlineData("203.0.113.9")] // TEST-NET-3
    [InlineData("224.0.0.251")] // multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")] // reserved
    [InlineData("255.255.255.255")] // limited broadcast
    [InlineData("::")] // unspecified
    [InlineData("::1")] // loopback
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:192.0.2.2")]
    [InlineData("::127.0.0.1")] // IPv4-compatible (deprecated)
    [InlineData("::ffff:0:7f00:1")] // IPv4-translated
    [InlineData("64:ff9b::7f00:1")] // NAT64 of loopback
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of cloud metadata
    [InlineData("64:ff9b:1::1")] // local-use NAT64
    [InlineData("100::1")] // discard-only
    [InlineData("2001::1")] // Teredo
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:2::1")] // benchmarking
    [InlineData("2001:10::1")] // ORCHID
    [InlineData("2001:db8::1")] // documentation
    [InlineData("3fff::1")] // documentation (RFC 9637)
    [InlineData("2002:7f00:1::1")] // 6to4 of loopback
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    [InlineData("2002:c000:202::1")] // 6to4 of TEST-NET-1
    [InlineData("fc00::1")] // unique local
    [InlineData("fd00::2")] // the tester's host's unique local address
    [InlineData("fe80::1")] // link-local
    [InlineData("fe80::fc:ff:fe00:1%2")] // link-local with a scope
    [InlineData("fec0::1")] // site-local (deprecated)
    [InlineData("ff02::1")] // multicast
    [InlineData("5f00::1")] // SRv6 SIDs, outside global unicast
    public void A_special_purpose_address_is_not_public(string address)
    {
        SpecialAddresses.IsPublic(IPAddress.Parse(address)).Should().BeFalse();
        Deny.Allows(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("145.222.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("192.0.3.1")]
    [InlineData("8.8.8.8")]
    [InlineData("::ffff:145.222.1.1")]
    [InlineData("64:ff9b::91de:101")] // NAT64 of 145.222.1.1
    [InlineData("2002:91de:101::1")] // 6to4 of 145.222.1.1
    [InlineData("2a02:58:1::1")]
    [InlineData("2606:4700:4700::1111")]
    public void A_public_address_is_public(string address) => SpecialAddresses.IsPublic(IPAddress.Parse(address)).Should().BeTrue();

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://127.0.0.1./hook")] // a final dot: the DNS root, still the loopback address
    [InlineData("http://0x7f.1./hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://LOCALHOST./hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://localhost.localdomain/hook")]
    [InlineData("http://ip6-localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://[2002:7f00:1::]/hook")]
    [InlineData("http://[64:ff9b::7f00:1]/hook")]
    [InlineData("http://2130706433/hook")] // 127.0.0.1 as one number
    [InlineData("http://0x7f.1/hook")] // and in hexadecimal, shortened
    [InlineData("http://017700000001/hook")] // and in octal
    [InlineData("https://192.168.10.5/sroi")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://192.0.2.2:5080/")]
    [InlineData("https://198.18.0.1/")]
    [InlineData("https://[2001:db8::5]/")]
    [InlineData("https://[fd00::2]:5080/")]
    public async Task With_private_networks_denied_a_subscription_to_an_address_that_is_not_public_is_refused(string url)
    {
        (await RefusedAsync(Deny, url)).Should().BeTrue(url);
        (await RefusedAsync(new ReceiverAddresses(allowPrivate: true), url)).Should().BeFalse("allow lets it through");
    }

    [Fact]
    public async Task A_public_url_is_accepted_and_a_name_that_does_not_resolve_now_is_left_to_the_delivery()
    {
        var publicOnly = new ReceiverAddresses(false, () => [], () => ["sroi-host"], (_, _) => Task.FromResult(new[] { IPAddress.Parse("145.222.1.1") }));
        (await RefusedAsync(publicOnly, "https://wsp.rijswijk.nl/sroi-hook")).Should().BeFalse();
        (await RefusedAsync(publicOnly, "https://145.222.1.1/sroi-hook")).Should().BeFalse();
        var unresolved = new ReceiverAddresses(false, () => [], () => [], (_, _) => throw new System.Net.Sockets.SocketException(11001));
        (await RefusedAsync(unresolved, "https://not-yet.rijswijk.nl/hook")).Should().BeFalse();
    }

    [Fact]
    public async Task This_hosts_own_names_and_every_address_of_its_interfaces_are_refused()
    {
        var name = Dns.GetHostName();
        (await RefusedAsync(Deny, $"http://{name}:5080/")).Should().BeTrue($"{name} is this host's name");
        (await RefusedAsync(Deny, $"http://{name.ToUpperInvariant()}./")).Should().BeTrue();
        var addresses = ReceiverAddresses.InterfaceAddresses().ToList();
        addresses.Should().NotBeEmpty();
        foreach (var address in addresses)
        {
            var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{new IPAddress(address.GetAddressBytes())}]" : address.ToString();
            (await RefusedAsync(Deny, $"http://{host}:5080/")).Should().BeTrue($"{address} is an address of this host");
        }

        // An address of this host's that is public (a server with a public interface) is refused as its own, not as special.
        var ownPublic = IPAddress.Parse("145.222.1.1");
        var withPublicInterface = new ReceiverAddresses(false, () => [ownPublic], () => ["ledger-01", "ledger-01.gemeente.nl"],
            (_, _) => Task.FromResult(new[] { ownPublic }));
        withPublicInterface.Allows(ownPublic).Should().BeFalse();
        withPublicInterface.Allows(IPAddress.Parse("::ffff:145.222.1.1")).Should().BeFalse();
        withPublicInterface.Allows(IPAddress.Parse("145.222.1.2")).Should().BeTrue();
        (await RefusedAsync(withPublicInterface, "https://145.222.1.1/hook")).Should().BeTrue();
        (await RefusedAsync(withPublicInterface, "https://ledger-01.gemeente.nl/hook")).Should().BeTrue();
        (await RefusedAsync(withPublicInterface, "https://another-name-for-it.nl/hook")).Should().BeTrue("it resolves to this host's address");
    }

    [Fact]
    public async Task A_receiver_url_with_a_token_whose_digits_pass_the_elfproef_is_accepted()
    {
        // 123456782 passes the elfproef: in a remark it would be refused as a BSN, in a delivery URL it is a token.
        var errors = new FieldErrors();
        var publicOnly = new ReceiverAddresses(false, () => [], () => [], (_, _) => Task.FromResult(new[] { IPAddress.Parse("145.222.1.1") }));
        (await SubscriptionRules.UrlAsync("https://wsp.rijswijk.nl/hook/123456782", publicOnly, errors, default))
            .Should().Be("https://wsp.rijswijk.nl/hook/123456782");
        errors.Any.Should().BeFalse();
    }

    [Fact]
    public async Task With_private_networks_denied_the_delivery_client_does_not_connect_to_loopback_or_this_host_even_by_name()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var denied = new HttpClient(DeliveryHandler.Handler(Deny));
        using var allowed = new HttpClient(DeliveryHandler.Handler(new ReceiverAddresses(allowPrivate: true)));

        foreach (var url in new[] { $"http://localhost:{receiver.Port}/x", $"http://{Dns.GetHostName()}:{receiver.Port}/x", receiver.Url("x") })
        {
            var refused = async () => await denied.PostAsync(url, new StringContent("{}"));
            // The handler adds "(host:port)" to the message: that goes to the operator's log only, never the delivery log.
            (await refused.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().StartWith(ReceiverAddresses.RefusedMessage, url);
        }
        receiver.Requests.Should().BeEmpty();

        using var answer = await allowed.PostAsync(receiver.Url("x"), new StringContent("{}"));
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_public_address_when_subscribing_and_to_loopback_when_delivering_is_not_connected_to()
    {
        // DNS rebinding: the first answer passes the subscription's check, the next one points inside.
        await using var receiver = await WebhookReceiver.StartAsync();
        var answers = 0;
        var rebinding = new ReceiverAddresses(false, () => [], () => [], (_, _) => Task.FromResult(
            Interlocked.Increment(ref answers) == 1 ? new[] { IPAddress.Parse("145.222.1.1") } : [IPAddress.Loopback]));
        var url = $"http://hooks.rebind.example:{receiver.Port}/x";
        (await RefusedAsync(rebinding, url)).Should().BeFalse("it resolved to a public address then");

        using var client = new HttpClient(DeliveryHandler.Handler(rebinding));
        var post = async () => await client.PostAsync(url, new StringContent("{}"));
        (await post.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().StartWith(ReceiverAddresses.RefusedMessage);
        answers.Should().Be(2, "the connection resolved the name again");
        receiver.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Production_denies_unless_told_otherwise()
    {
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };
        var empty = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        ReceiverAddresses.From(empty, production).AllowPrivate.Should().BeFalse();
        var allow = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection([new(ReceiverAddresses.Setting, "allow")]).Build();
        ReceiverAddresses.From(allow, production).AllowPrivate.Should().BeTrue();
    }

    private static async Task<bool> RefusedAsync(ReceiverAddresses addresses, string url)
    {
        var errors = new FieldErrors();
        var accepted = await SubscriptionRules.UrlAsync(url, addresses, errors, default);
        if (accepted is null) errors.ToDictionary().Should().ContainKey("url");
        return accepted is null;
    }
}
