using NodaTime;

namespace Sroi.Ledger.Api.Dashboard.SignIn;

/// <summary>
/// The service's clock (NodaTime <see cref="IClock"/>) as the <see cref="TimeProvider"/> the session cookie's handler
/// judges a session's 8 h by, so that the session ends by the same clock the session store and the rest of the service
/// read (and a test that moves that clock sees the session end), not by the machine's clock beside it.
/// </summary>
public sealed class ClockTimeProvider(IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}
