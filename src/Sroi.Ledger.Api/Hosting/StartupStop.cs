using System.Runtime.InteropServices;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// A stop signal (SIGTERM from an orchestrator or <c>docker stop</c>, SIGINT from Ctrl+C) that comes while the service is
/// still starting. The host's own ConsoleLifetime listens for them only once the host runs, and the database is prepared
/// before that (<see cref="Database.LedgerDatabase.PrepareAsync"/>, which may wait for another node's preparation): a
/// signal then ended the process with exit code 134 (issue 23). From the start of <c>Program</c> on, this turns the
/// signal into <see cref="IHostApplicationLifetime.StopApplication"/>, which cancels the preparation (it runs on
/// ApplicationStopping) or the host's start; <c>Program</c> then exits 0. Once the host runs, its ConsoleLifetime
/// handles the same signal the same way: two handlers asking for one stop.
/// </summary>
public sealed class StartupStop : IDisposable
{
    private readonly PosixSignalRegistration[] registrations;
    private IHostApplicationLifetime? lifetime;
    private volatile bool requested;

    public StartupStop() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];

    /// <summary>Whether a stop signal came.</summary>
    public bool Requested => requested;

    /// <summary>The host exists: a signal stops it from now on, and one that came before it existed stops it now.</summary>
    public void Attach(IHostApplicationLifetime hostLifetime)
    {
        Volatile.Write(ref lifetime, hostLifetime);
        if (requested) hostLifetime.StopApplication();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Not the runtime's default (which ends the process at once, whatever it is writing): the start winds down instead.
        context.Cancel = true;
        requested = true;
        Volatile.Read(ref lifetime)?.StopApplication();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
    }
}
