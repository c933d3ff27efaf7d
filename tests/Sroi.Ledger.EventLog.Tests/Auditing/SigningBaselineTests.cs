using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.CommitSignatures;
using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Auditing;

/// <summary>
/// A ledger recorded before commits were signed (this fixture's store has no signer, as a build before issue 17 had none):
/// the first start after the upgrade signs each stream's head once, as the baseline, and never again; from then on every
/// commit signs its own heads.
/// </summary>
public class SigningBaselineTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>, IDisposable
{
    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"sroi-baseline-key-{Guid.NewGuid():N}.pem");

    public void Dispose() => File.Delete(keyFile);

    [Fact]
    public async Task The_heads_recorded_before_signing_are_signed_once_as_the_baseline_and_later_commits_sign_their_own()
    {
        var longer = NewStream();
        await db.Events.AppendAsync(Append(longer, 0, Registered(Rijswijk)));
        await db.Events.AppendAsync(Append(longer, 1, Completed(2), Completed(3)));
        var shorter = NewStream();
        await db.Events.AppendAsync(Append(Delft, shorter, 0, Registered(Delft)));
        (await db.ScalarAsync("SELECT count(*) FROM sroi_commit_signatures")).Should().Be(0, "nothing was signed before the upgrade");
        var streams = await db.ScalarAsync("SELECT count(DISTINCT (tenant_id, stream_id)) FROM sroi_event_hashes");
        using var key = CheckpointKey.ReadOrCreate(keyFile);

        var signed = await SigningBaseline.SignAsync(db.LedgerPool, key, SystemClock.Instance, NullLogger.Instance, CancellationToken.None);

        signed.Should().Be((int)streams);
        (await db.DataSource.ScalarAsync<string>($"SELECT string_agg(version || ' ' || kind, ',') FROM sroi_commit_signatures WHERE stream_id = '{longer.Value}'")).Should().Be("3 baseline");
        (await db.DataSource.ScalarAsync<string>($"SELECT tenant_id || ' ' || version FROM sroi_commit_signatures WHERE stream_id = '{shorter.Value}'")).Should().Be("GM0503 1");
        (await db.DataSource.ScalarAsync<int>("SELECT heads FROM sroi_signing_baseline")).Should().Be((int)streams);
        // The heads as the chain has them, signed so that the key's public half verifies them.
        var heads = await ReadHeadsAsync(longer);
        heads.Single().Verdict(key).Should().Be("valid");
        heads.Single().Hash.Should().Equal(await db.DataSource.ScalarAsync<byte[]>($"SELECT hash FROM sroi_event_hashes WHERE stream_id = '{longer.Value}' AND version = 3"));

        // Once: a second start signs nothing, also with the mark gone as long as any signature is left.
        (await SigningBaseline.SignAsync(db.LedgerPool, key, SystemClock.Instance, NullLogger.Instance, CancellationToken.None)).Should().BeNull();
        await db.ExecuteAsync("""
            ALTER TABLE sroi_signing_baseline DISABLE TRIGGER sroi_no_delete;
            DELETE FROM sroi_signing_baseline;
            ALTER TABLE sroi_signing_baseline ENABLE TRIGGER sroi_no_delete;
            """);
        (await SigningBaseline.SignAsync(db.LedgerPool, key, SystemClock.Instance, NullLogger.Instance, CancellationToken.None)).Should().BeNull();

        // After the upgrade the service's store signs: the next commit's head is its own.
        using var signing = LedgerStoreOptions.CreateStore(db.LedgerPool, new CommitSigner(() => key));
        await new LedgerEvents(signing, db.LedgerPool).AppendAsync(Append(longer, 3, Completed(4)));
        (await ReadHeadsAsync(longer)).Select(h => (h.Version, h.Kind, h.Verdict(key))).Should().Equal((3, "baseline", "valid"), (4, "commit", "valid"));
    }

    private async Task<List<SignedHead>> ReadHeadsAsync(StreamId stream)
    {
        await using var connection = await db.LedgerPool.OpenConnectionAsync();
        return (await CommitSignatureTable.ReadAsync(connection, null, null, CancellationToken.None))
            .Where(h => h.Key.Stream == stream.Value).SelectMany(h => h.Value).ToList();
    }
}
