using System.Security.Cryptography;
using NodaTime;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.CommitSignatures;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// The rule that holds a stream to its signed heads, without a database: given a stream's events and the heads signed for
/// it, when it is checked, then exactly the events no valid signed head vouches for are named, with the right code.
/// </summary>
public sealed class CommitCoverageTests : IDisposable
{
    private const string Municipality = "GM0603";
    private const string Stream = "contract-0192f1c4-7a1e-7cbe-9a61-0d3c8a0b2f11";
    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"sroi-coverage-key-{Guid.NewGuid():N}.pem");
    private readonly CheckpointKey key;

    public CommitCoverageTests() => key = CheckpointKey.ReadOrCreate(keyFile);

    public void Dispose()
    {
        key.Dispose();
        File.Delete(keyFile);
    }

    /// <summary>Events 1..n with the chain the trigger would have written.</summary>
    private static List<RecordedEvent> Events(int count, Func<int, string>? data = null)
    {
        var events = new List<RecordedEvent>();
        var previous = Array.Empty<byte>();
        for (var v = 1; v <= count; v++)
        {
            var e = new RecordedEvent(100 + v, Guid.CreateVersion7(), Municipality, new StreamId(Stream), v, "contract.amended.v1",
                data?.Invoke(v) ?? $"{{\"newValue\": {v}}}", new EventMetadata("inkoop:1"), null, Instant.FromUnixTimeSeconds(1_700_000_000 + v), null);
            previous = SHA256.HashData([.. previous, .. EventChainVerifier.CanonicalBytes(e)]);
            events.Add(e with { Hash = previous });
        }
        return events;
    }

    private SignedHead Head(RecordedEvent e, string kind = SignedHead.Commit) =>
        new(Municipality, Stream, e.StreamVersion, e.Hash!, kind, Instant.FromUnixTimeSeconds(1_700_000_000), key.Fingerprint,
            SignedHead.Sign(key, kind, Municipality, Stream, e.StreamVersion, e.Hash!));

    private IEnumerable<(long Version, string Code)> Check(IReadOnlyList<RecordedEvent> events, params SignedHead[] heads) =>
        CommitCoverage.Check(Municipality, Stream, events, heads, key).Select(d => (d.Version, d.Code));

    [Fact]
    public void A_stream_whose_last_event_is_a_signed_head_is_covered_whole()
    {
        var events = Events(3);
        Check(events, Head(events[0]), Head(events[2])).Should().BeEmpty();
        Check(events, Head(events[2], SignedHead.Baseline)).Should().BeEmpty("a baseline head vouches like a commit's");
    }

    [Fact]
    public void Events_after_the_last_signed_head_are_unsigned_each()
    {
        var events = Events(4);
        Check(events, Head(events[1])).Should().Equal((3, "commit.unsigned"), (4, "commit.unsigned"));
        Check(events).Should().Equal((1, "commit.unsigned"), (2, "commit.unsigned"), (3, "commit.unsigned"), (4, "commit.unsigned"));
    }

    [Fact]
    public void An_edit_under_a_signed_head_is_named_at_each_head_it_changes_even_with_the_chain_recomputed()
    {
        var signed = Events(3);
        var heads = new[] { Head(signed[0]), Head(signed[2]) };
        // The same events with version 2's payload changed, the chain recomputed from it (as the schema's function would).
        var edited = Events(3, v => v == 2 ? "{\"newValue\": 999}" : $"{{\"newValue\": {v}}}")
            .Select((e, i) => e with { EventId = signed[i].EventId }).ToList();
        edited = Rechain(edited);
        Check(edited, heads).Should().Equal((3, "commit.head-differs"));
    }

    [Fact]
    public void A_signed_head_whose_event_is_gone_is_a_deletion()
    {
        var events = Events(3);
        Check(events.Take(1).ToList(), Head(events[0]), Head(events[1]), Head(events[2]))
            .Should().Equal((2, "commit.events-deleted"), (3, "commit.events-deleted"));
        Check([], Head(events[2])).Should().Equal((3, "commit.events-deleted"));
    }

    [Fact]
    public void A_forged_or_copied_signature_vouches_for_nothing()
    {
        var events = Events(2);
        var genuine = Head(events[0]);
        var copied = genuine with { Version = 2, Hash = events[1].Hash! };
        Check(events, genuine, copied).Should().Equal((2, "commit.signature-invalid"), (2, "commit.unsigned"));
        Check(events, Head(events[1]) with { KeyFingerprint = "0000" }).Should().Equal((2, "commit.other-key"), (1, "commit.unsigned"), (2, "commit.unsigned"));
    }

    private static List<RecordedEvent> Rechain(List<RecordedEvent> events)
    {
        var previous = Array.Empty<byte>();
        return [.. events.Select(e => e with { Hash = previous = SHA256.HashData([.. previous, .. EventChainVerifier.CanonicalBytes(e)]) })];
    }
}
