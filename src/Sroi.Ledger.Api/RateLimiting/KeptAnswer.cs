using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// An expensive read's answer as it is written (<see cref="ExpensiveReadBuffering"/>): kept, in memory up to 32 KiB and
/// then in a temporary file, up to <see cref="Cap"/>; past it, what was kept is sent and every further write goes straight
/// to the client, within the read's node place. The cap bounds the disk a slow reader can pin (session 40's attack: three
/// unread 2 MB answers of one key were three 2 MB files for as long as the key kept reading at Kestrel's floor). An answer
/// past it — a history's CSV of a long stream — is sent as before, and its reader must then keep up
/// <see cref="StreamedMinBytesPerSecond"/> (after Kestrel's 5 s grace) or be dropped, so that holding the place costs the
/// reader real reading, not a trickle of 240 B/s.
/// </summary>
internal sealed class KeptAnswer(Stream answer, HttpContext http) : HttpConventions.WriteOnlyStream
{
    public const long Cap = 1024 * 1024;
    public const double StreamedMinBytesPerSecond = 16 * 1024;

    private readonly FileBufferingWriteStream kept = new();

    /// <summary>Whether the answer outgrew <see cref="Cap"/> and went out as it was written.</summary>
    public bool PassedOn { get; private set; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!PassedOn && kept.Length + buffer.Length <= Cap)
        {
            await kept.WriteAsync(buffer, cancellationToken);
            return;
        }
        if (!PassedOn)
        {
            PassedOn = true;
            if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
                rate.MinDataRate = new MinDataRate(StreamedMinBytesPerSecond, TimeSpan.FromSeconds(5));
            await kept.DrainBufferAsync(answer, cancellationToken);
        }
        await answer.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        PassedOn ? answer.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>What was kept, sent whole once the read has given its place back (nothing left when it was passed on).</summary>
    public async Task SendAsync(CancellationToken ct)
    {
        if (!PassedOn) await kept.DrainBufferAsync(answer, ct);
    }

    public long KeptLength => kept.Length;

    // Kestrel allows no synchronous writes; a flush with nothing to send does nothing.
    public override void Flush() { }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("An answer is written asynchronously.");

    public override async ValueTask DisposeAsync()
    {
        await kept.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) kept.Dispose();
        base.Dispose(disposing);
    }
}
