using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// An Idempotency-Key as a well-behaved client makes one: a new UUID, and another when the ledger would refuse it (about
/// one random UUID in 120 holds digits that pass the elfproef; see <see cref="TracingHeaders"/>). Without this a test
/// using random keys would fail now and then.
/// </summary>
public static class ClientKeys
{
    public static string NewIdempotencyKey()
    {
        while (true)
        {
            var key = Guid.NewGuid().ToString();
            if (TracingHeaders.Judge(key).Problem is null) return key;
        }
    }
}
