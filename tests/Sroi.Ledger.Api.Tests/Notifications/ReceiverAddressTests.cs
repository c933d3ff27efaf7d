using System.Net;
using Sroi.Ledger.Api.Webhooks;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// Where deliveries may go: with private networks denied (Production's default) the delivery client refuses to connect to
/// loopback, private and link-local addresses, checked on the address it resolves, not on the URL's text.
/// </summary>
public class ReceiverAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)] // cloud metadata
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("145.222.1.1", true)]
    [InlineData("2a02:58:1::1", true)]
    public void An_address_is_public_unless_it_is_loopback_private_or_link_local(string address, bool isPublic) =>
        ReceiverAddresses.IsPublic(IPAddress.Parse(address)).Should().Be(isPublic);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", false)]
    [InlineData("http://localhost/hook", false)]
    [InlineData("http://[::1]/hook", false)]
    [InlineData("https://192.168.10.5/sroi", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("https://wsp.rijswijk.nl/sroi-hook", true)]
    public void With_private_networks_denied_a_subscription_to_a_plainly_internal_address_is_refused(string url, bool accepted)
    {
        var errors = new Sroi.Ledger.Api.HttpConventions.FieldErrors();
        SubscriptionRules.Url(url, new ReceiverAddresses(allowPrivate: false), errors);
        errors.Any.Should().Be(!accepted);
        if (!accepted) errors.ToDictionary().Should().ContainKey("url");
        var allowing = new Sroi.Ledger.Api.HttpConventions.FieldErrors();
        SubscriptionRules.Url(url, new ReceiverAddresses(allowPrivate: true), allowing);
        allowing.Any.Should().BeFalse();
    }

    [Fact]
    public void A_receiver_url_with_a_token_whose_digits_pass_the_elfproef_is_accepted()
    {
        // 123456782 passes the elfproef: in a remark it would be refused as a BSN, in a delivery URL it is a token.
        var errors = new Sroi.Ledger.Api.HttpConventions.FieldErrors();
        SubscriptionRules.Url("https://wsp.rijswijk.nl/hook/123456782", new ReceiverAddresses(allowPrivate: false), errors)
            .Should().Be("https://wsp.rijswijk.nl/hook/123456782");
        errors.Any.Should().BeFalse();
    }

    [Fact]
    public async Task With_private_networks_denied_the_delivery_client_does_not_connect_to_loopback_even_by_name()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var denied = new HttpClient(DeliveryHandler.Handler(new ReceiverAddresses(allowPrivate: false)));
        using var allowed = new HttpClient(DeliveryHandler.Handler(new ReceiverAddresses(allowPrivate: true)));

        var refused = async () => await denied.PostAsync($"http://localhost:{receiver.Port}/x", new StringContent("{}"));
        (await refused.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain(ReceiverAddresses.Setting);
        receiver.Requests.Should().BeEmpty();

        using var answer = await allowed.PostAsync(receiver.Url("x"), new StringContent("{}"));
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
