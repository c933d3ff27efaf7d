using System.Text.Json.Nodes;

namespace Sroi.Ledger.Reliability.Tests;

/// <summary>
/// What the ledger holds after a fault, against what the writers were told: acknowledged writes that cannot be read
/// back (lost), events written more than once, and streams whose hash chain no longer recomputes.
/// </summary>
public sealed record LedgerAudit(IReadOnlyList<string> Lost, long Registrations, long Reports, long DistinctKeys,
    IReadOnlyList<string> BrokenChains, int Acknowledged)
{
    public static async Task<LedgerAudit> OfAsync(WriteLoad load, ServiceLogin login, HttpClient admin)
    {
        var lost = await load.LostAsync(admin);
        // The hot contract was registered before the load, without a key.
        var registrations = await login.CountAsync("SELECT count(*) FROM mt_events WHERE type = 'contract.registered.v1'") - 1;
        var reports = await login.CountAsync("SELECT count(*) FROM mt_events WHERE type = 'contract.fulfilment-reported.v1'");
        var keys = await login.CountAsync("SELECT count(DISTINCT headers->>'idempotencyKey') FROM mt_events WHERE headers->>'idempotencyKey' IS NOT NULL");
        var broken = new List<string>();
        var contracts = load.Acknowledgements.Where(a => a.Kind == "contract").Select(a => a.Url).Append($"/api/v1/contracts/{load.ContractId}");
        foreach (var contract in contracts)
        {
            using var response = await admin.GetAsync($"{contract}/history");
            var history = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
            if (history?["chain"]?["intact"]?.GetValue<bool>() != true)
                broken.Add($"{contract}: {(int)response.StatusCode} {history?["chain"]?.ToJsonString()}");
        }
        return new LedgerAudit(lost, registrations, reports, keys, broken, load.Acknowledgements.Count);
    }

    /// <summary>Every acknowledged write readable, each exactly once in the log, every chain intact.</summary>
    /// <param name="registeredBeside">Contracts the test registered itself beside the load (keyless to the audit), e.g. the cluster test's deadline contracts.</param>
    public void ShouldBeWhole(WriteLoad load, int registeredBeside = 0)
    {
        Lost.Should().BeEmpty("every acknowledged write must be readable with the values sent");
        Registrations.Should().Be(load.Acknowledgements.Count(a => a.Kind == "contract") + registeredBeside, "each acknowledged registration is recorded once");
        Reports.Should().Be(load.Acknowledgements.Count(a => a.Kind == "report"), "each acknowledged report is recorded once");
        DistinctKeys.Should().Be(Acknowledged, "no write was recorded without being acknowledged in the end");
        BrokenChains.Should().BeEmpty();
    }

    public override string ToString() =>
        $"acknowledged {Acknowledged}, lost {Lost.Count}, registrations recorded {Registrations}, reports recorded {Reports}, " +
        $"idempotency keys in the log {DistinctKeys}, chains broken {BrokenChains.Count}";
}
