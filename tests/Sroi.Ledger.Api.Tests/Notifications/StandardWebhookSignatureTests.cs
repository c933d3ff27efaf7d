using System.Text;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Sroi.Ledger.Api.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The signature is the Standard Webhooks one: the specification's own test vector, and the StandardWebhooks package (an
/// implementation independent of the service's) verifying what the service signs — with one secret, two during a
/// rotation, a first-release secret, and refusing a stale timestamp or a changed body.
/// </summary>
public class StandardWebhookSignatureTests
{
    // The specification's test vector (standard-webhooks, spec/standard-webhooks.md and every library's tests).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecBody = """{"test": 2432232314}""";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void The_service_signs_the_specifications_test_vector_as_the_specification_says()
    {
        WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecBody)).Should().Be(SpecSignature);
        new StandardWebhook(SpecSecret).Sign(SpecId, DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp), SpecBody).Should().Be(SpecSignature);
    }

    [Fact]
    public void What_the_service_signs_now_verifies_with_the_StandardWebhooks_package_and_a_changed_body_or_an_old_timestamp_does_not()
    {
        var secret = WebhookSignature.NewSecret();
        var id = Guid.NewGuid();
        var body = Encoding.UTF8.GetBytes("""{"id": "x", "type": "fulfilment.reported", "note": "één € ✓"}""");
        var headers = Headers(WebhookSignature.Headers(id, SystemClock.Instance.GetCurrentInstant(), [secret], secret, body));

        headers["webhook-id"].ToString().Should().Be(id.ToString());
        Verifies(secret, Encoding.UTF8.GetString(body), headers).Should().BeTrue();
        Verifies(secret, Encoding.UTF8.GetString(body).Replace("één", "een", StringComparison.Ordinal), headers).Should().BeFalse();
        Verifies(WebhookSignature.NewSecret(), Encoding.UTF8.GetString(body), headers).Should().BeFalse();

        // A delivery captured and replayed ten minutes later: the timestamp is outside the receiver's five-minute tolerance.
        var captured = Headers(WebhookSignature.Headers(id, SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(10), [secret], secret, body));
        Verifies(secret, Encoding.UTF8.GetString(body), captured).Should().BeFalse();
    }

    [Fact]
    public void During_a_changeover_both_secrets_sign_and_either_verifies()
    {
        var (old, current) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
        var body = Encoding.UTF8.GetBytes("""{"id": "y"}""");
        // The order the delivery handler uses: the replaced secret first.
        var headers = Headers(WebhookSignature.Headers(Guid.NewGuid(), SystemClock.Instance.GetCurrentInstant(), [old, current], old, body));

        headers["webhook-signature"].ToString().Split(' ').Should().HaveCount(2).And.AllSatisfy(s => s.Should().StartWith("v1,"));
        Verifies(current, """{"id": "y"}""", headers).Should().BeTrue();
        Verifies(old, """{"id": "y"}""", headers).Should().BeTrue();
        Verifies(WebhookSignature.NewSecret(), """{"id": "y"}""", headers).Should().BeFalse();
        // The StandardWebhooks package (1.1.2) on the whole header compares only the first signature: a receiver on it that
        // has not switched yet verifies, one that switched must give the signatures one at a time (README's C# lines).
        VerifiesWholeHeader(old, """{"id": "y"}""", headers).Should().BeTrue();
        headers[WebhookSignature.LegacyHeader].ToString().Should().Be(WebhookSignature.Legacy(old, body), "the first release's header keeps the secret its receivers hold");
    }

    [Fact]
    public void A_first_release_secret_of_hex_digits_signs_by_the_same_rule_and_verifies_with_the_package()
    {
        var legacy = "whsec_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var body = Encoding.UTF8.GetBytes("{}");
        var headers = Headers(WebhookSignature.Headers(Guid.NewGuid(), SystemClock.Instance.GetCurrentInstant(), [legacy], legacy, body));
        Verifies(legacy, "{}", headers).Should().BeTrue();
        headers[WebhookSignature.LegacyHeader].ToString().Should().Be(
            "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(legacy), body)));
    }

    [Fact]
    public void A_new_secret_is_whsec_and_the_base64_of_32_random_bytes()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => WebhookSignature.NewSecret()).ToList();
        secrets.Should().OnlyHaveUniqueItems().And.AllSatisfy(s => s.Should().MatchRegex("^whsec_[A-Za-z0-9+/]{43}=$"));
        WebhookSignature.Key(secrets[0]).Should().HaveCount(32);
    }

    private static HeaderDictionary Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        new(headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value), StringComparer.OrdinalIgnoreCase));

    /// <summary>As the README's C# lines: the package, given one signature of the header at a time.</summary>
    private static bool Verifies(string secret, string body, IHeaderDictionary headers) =>
        headers["webhook-signature"].ToString().Split(' ').Any(signature => VerifiesWholeHeader(secret, body, new HeaderDictionary
        {
            ["webhook-id"] = headers["webhook-id"], ["webhook-timestamp"] = headers["webhook-timestamp"], ["webhook-signature"] = signature,
        }));

    private static bool VerifiesWholeHeader(string secret, string body, IHeaderDictionary headers)
    {
        try { new StandardWebhook(secret).Verify(body, headers); return true; }
        catch (WebhookVerificationException) { return false; }
    }
}
