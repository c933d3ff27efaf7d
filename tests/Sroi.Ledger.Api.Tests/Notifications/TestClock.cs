using NodaTime;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The service's injected clock in the notification tests: real time, moved by an offset the test sets, so a deadline days
/// away can be made to fall a second from now and a scheduled check still fires by the real passing of that second.
/// </summary>
public sealed class TestClock : IClock
{
    private Duration offset = Duration.Zero;

    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + offset;

    /// <summary>From now on the clock says <paramref name="now"/> and runs on from there.</summary>
    public void Set(Instant now) => offset = now - SystemClock.Instance.GetCurrentInstant();

    /// <summary>Back to real time.</summary>
    public void Reset() => offset = Duration.Zero;
}
