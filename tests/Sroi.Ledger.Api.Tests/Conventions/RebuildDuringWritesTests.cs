using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Admin;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// A rebuild and the writes under way, on a database of its own: a rebuild replays every stream of its database, and the
/// shared one holds the auditing tests' deliberately forged events while they run.
/// </summary>
public class RebuildDuringWritesTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Fact]
    public async Task A_rebuild_waits_for_the_writes_under_way_and_refuses_new_ones()
    {
        var rebuild = api.Services.GetRequiredService<ProjectionRebuild>();
        var inkoop = await api.ClientAsync("inkoop");
        var underWay = rebuild.BeginWrite();
        underWay.Should().NotBeNull();

        var run = rebuild.RunAsync(CancellationToken.None);
        // Until the write under way ends the rebuild has not begun, and a new write is a 503.
        await Task.Delay(300);
        rebuild.WaitingForWrites.Should().BeTrue();
        run.IsCompleted.Should().BeFalse();
        var refused = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration());
        await refused.ShouldBeAsync(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));

        underWay!.Dispose();
        (await run).Should().NotBeNull();
        rebuild.WaitingForWrites.Should().BeFalse();
        await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
    }
}
