using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// A ledger of several slices (<see cref="LedgerVerifier.SliceStreams"/> streams each): its workers verify the slices side by
/// side going forwards while the signed heads' signatures are checked ahead from the last stream backwards
/// (SignaturesAhead, issue 23). Whichever got where first, an edit in the middle of the ledger and a forged signature
/// further on are named, and the findings, and their order, are the same the first time and again in the same process
/// (every valid signature then remembered). In a municipality of its own (GM0789).
/// </summary>
[Collection(ApiCollection.Name)]
public class VerificationAcrossSlicesTests(LedgerApi api)
{
    private static readonly MunicipalityCode Municipality = MunicipalityCode.Parse("GM0789");

    [Fact]
    public async Task An_edit_in_the_middle_and_a_forged_signature_further_on_are_named_each_time_in_the_same_order()
    {
        const int streams = 2 * LedgerVerifier.SliceStreams + 101;
        var events = api.Services.GetRequiredService<LedgerEvents>();
        for (var i = 0; i < streams; i++)
        {
            var number = CandidateNumber.Parse($"{789_000 + i}");
            await events.AppendAsync(new AppendRequest(Municipality, CandidateEventTypes.StreamOf(Municipality, number), 0,
                [new CandidateRegistered(number, Municipality, new LocalDate(2024, 1, 8), 2, TargetGroup.Participatiewet, new LocalDate(2023, 1, 1))],
                new EventMetadata("wsp:slices-test", "slices-test")));
        }
        var edited = await StreamAtAsync(streams / 2);
        var forged = await StreamAtAsync(streams - 40);
        await api.DataSource.ExecuteAsync(Tamper(edited, forged, trede: 5, signatureStep: 1));
        try
        {
            var verifier = api.Services.GetRequiredService<LedgerVerifier>();
            var first = await verifier.VerifyAsync(Municipality, CancellationToken.None);
            var again = await verifier.VerifyAsync(Municipality, CancellationToken.None);

            first.Ok.Should().BeFalse();
            first.Streams.Should().Be(streams);
            first.Events.Should().Be(streams);
            var found = first.Discrepancies.Select(d => (d.Stream, d.Version, d.Code)).ToList();
            found.Select(d => d.Stream).Distinct().Should().Equal(edited, forged);
            found.Should().Contain((edited, 1, "chain.broken"));
            found.Should().Contain((forged, 1, "commit.signature-invalid"));
            found.Should().Contain((forged, 1, "commit.unsigned"));
            again.Discrepancies.Select(d => (d.Stream, d.Version, d.Code, d.Detail)).Should()
                .Equal(first.Discrepancies.Select(d => (d.Stream, d.Version, d.Code, d.Detail)));
        }
        finally
        {
            // Put both back exactly: the tests after this one (a rebuild's tables held to the inline ones) share the ledger.
            await api.DataSource.ExecuteAsync(Tamper(edited, forged, trede: 2, signatureStep: 255));
        }
    }

    /// <summary>The edited stream's registration given <paramref name="trede"/>, the forged stream's signature's byte 10 moved on.</summary>
    private static string Tamper(string edited, string forged, int trede, int signatureStep) => $$"""
        ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
        UPDATE mt_events SET data = jsonb_set(data, '{trede}', '{{trede}}') WHERE tenant_id = '{{Municipality}}' AND stream_id = '{{edited}}' AND version = 1;
        ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
        ALTER TABLE sroi_commit_signatures DISABLE TRIGGER sroi_no_update;
        UPDATE sroi_commit_signatures SET signature = set_byte(signature, 10, (get_byte(signature, 10) + {{signatureStep}}) % 256)
        WHERE tenant_id = '{{Municipality}}' AND stream_id = '{{forged}}';
        ALTER TABLE sroi_commit_signatures ENABLE TRIGGER sroi_no_update;
        """;

    /// <summary>The municipality's stream at <paramref name="place"/> in the verification's order (PostgreSQL's).</summary>
    private async Task<string> StreamAtAsync(int place)
    {
        await using var command = api.DataSource.CreateCommand($"SELECT id FROM mt_streams WHERE tenant_id = '{Municipality}' ORDER BY id OFFSET {place} LIMIT 1");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
