using System.Security.Cryptography;
using System.Text;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// The set of credentials a node found valid lately (<see cref="RecentlyValid"/>): bounded whatever is put in it, a
/// credential in use stays, one found unknown leaves at once.
/// </summary>
public class RecentlyValidTests
{
    [Fact]
    public void It_holds_at_most_its_capacity_and_keeps_the_credential_in_use_while_the_unused_ones_leave()
    {
        var set = new RecentlyValid(capacity: 100);
        var inUse = Hash("in use");
        var unused = Hash("unused");
        set.Remember(inUse);
        set.Remember(unused);

        for (var i = 0; i < 1_000; i++)
        {
            set.Remember(Hash($"other {i}"));
            // Found valid again now and then, as a caller's key is on its every request.
            if (i % 25 == 0) set.Remember(inUse);
            set.Count.Should().BeLessThanOrEqualTo(100);
        }

        set.Contains(inUse).Should().BeTrue("a credential found valid again goes back into the current generation");
        set.Contains(unused).Should().BeFalse("after half the capacity of others found valid, an unused one has left");
        set.Contains(Hash("other 999")).Should().BeTrue();
        set.Count.Should().BeGreaterThanOrEqualTo(50, "the last half of the capacity is always kept");
    }

    [Fact]
    public void A_credential_found_unknown_leaves_at_once_and_one_never_found_valid_is_not_in_it()
    {
        var set = new RecentlyValid();
        var key = Hash("revoked since");
        set.Remember(key);
        set.Contains(key).Should().BeTrue();

        set.Forget(key);

        set.Contains(key).Should().BeFalse();
        set.Contains(Hash("never seen")).Should().BeFalse();
        set.Count.Should().Be(0);
    }

    [Fact]
    public async Task Many_threads_remembering_forgetting_and_asking_at_once_keep_it_bounded()
    {
        var set = new RecentlyValid(capacity: 1_000);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var hash = Hash($"{thread}:{i % 3_000}");
                set.Remember(hash);
                if (i % 7 == 0) set.Forget(hash);
                _ = set.Contains(hash);
            }
        })));

        // Each generation may overshoot its half by what the other threads added while one turned it.
        set.Count.Should().BeLessThanOrEqualTo(1_000 + 2 * 8);
    }

    private static byte[] Hash(string credential) => SHA256.HashData(Encoding.UTF8.GetBytes(credential));
}
