using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.BuildingBlocks;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Pso;

/// <summary>
/// PSO in Eindhoven (GM0772), which only these tests use: two policy versions, v1 (from 2000) reducing trede 2 by 10% and
/// counting purchases from trede-1 suppliers at 50%, v2 (from 2024-10-01) 20% and 30%; both 5% from €100.000. A contract of
/// €200.000 (obligation €10.000) runs 2024-04-01 through 2025-03-31 (365 days).
/// </summary>
[Collection(ApiCollection.Name)]
public class PsoTests(LedgerApi api)
{
    private const string Eindhoven = "GM0772";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool prepared;

    /// <summary>Eindhoven's two policy versions and table, once per run (also for the stage-3 attack: ReportsApartAttackTests).</summary>
    internal static async Task PrepareAsync(LedgerApi api)
    {
        await Once.WaitAsync();
        try
        {
            if (prepared) return;
            foreach (var (from, reduction, share) in new[] { ("2000-01-01", 10m, 50m), ("2024-10-01", 20m, 30m) })
                await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", Policy(from, reduction, share))).ShouldBeAsync(HttpStatusCode.Created);
            var table = BuildingBlockTableTests.Table("2023-01-01", Eindhoven);
            await (await api.Admin().PostJsonAsync("/api/v1/building-block-tables", table)).ShouldBeAsync(HttpStatusCode.Created);
            prepared = true;
        }
        finally { Once.Release(); }
    }

    private static JsonObject Policy(string effectiveFrom, decimal reduction, decimal share) => new()
    {
        ["municipality"] = Eindhoven,
        ["effectiveFrom"] = effectiveFrom,
        ["percentage"] = 5,
        ["thresholds"] = new JsonObject { ["werken"] = 100_000, ["diensten"] = 100_000, ["leveringen"] = 100_000 },
        ["description"] = $"Eindhoven, PSO trede 2 {reduction}% korting, inkoop bij PSO-leveranciers {share}%",
        ["pso"] = new JsonObject
        {
            ["reductions"] = new JsonArray(new JsonObject { ["level"] = "trede2", ["percentage"] = reduction }),
            ["purchaseShares"] = new JsonArray(new JsonObject { ["level"] = "trede1", ["percentage"] = share }),
        },
    };

    private async Task<ContractUnderReport> ContractAsync()
    {
        await PrepareAsync(api);
        var kvk = ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop", Eindhoven);
        var body = ContractBodies.Registration(200_000m, kvk: kvk, awardedOn: "2024-03-01");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
        return new ContractUnderReport(contract["id"]!.GetValue<string>(), kvk,
            await api.ClientAsync("opdrachtnemer", Eindhoven, kvk), await api.ClientAsync("wsp", Eindhoven), inkoop);
    }

    internal static JsonObject Certificate(string level, string from, string to, string? number = "PSO-2024-0042") => new()
    {
        ["level"] = level, ["validFrom"] = from, ["validTo"] = to, ["certificateNumber"] = number,
    };

    /// <summary>
    /// The balance once the contract moved past <paramref name="version"/>: the contract's PSO terms are appended to its own
    /// stream by a durable Wolverine handler after the certificate's (or policy's) transaction commits.
    /// </summary>
    private static Task<JsonNode> BalanceAfterAsync(ContractUnderReport contract, long version, HttpClient? by = null) =>
        Eventually.UntilAsync(() => contract.BalanceAsync(by), b => b["version"]!.GetValue<long>() > version,
            $"contract {contract.Id} has its PSO terms (past version {version})");

    private static long Version(JsonNode balance) => balance["version"]!.GetValue<long>();

    private static async Task<string> LastRecordedAtAsync(HttpClient reader, string url)
    {
        var history = await (await reader.GetAsync($"{url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        return history["events"]!.AsArray()[^1]!["recordedAt"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_certificate_reduces_the_obligation_pro_rata_by_day_under_each_version_and_not_as_known_before_it()
    {
        var contract = await ContractAsync();
        var auditor = await api.ClientAsync("auditor", Eindhoven);
        var before = await contract.BalanceAsync();
        before.Decimal("obligation").Should().Be(10_000m);
        before.Decimal("obligationBeforePso").Should().Be(10_000m);
        before["pso"].Should().BeNull(); // PSO never touched the contract
        var ownBefore = await (await auditor.GetAsync(contract.Url)).ShouldBeAsync(HttpStatusCode.OK);
        ownBefore.Decimal("obligationInForce").Should().Be(10_000m);
        ownBefore["psoReduction"].Should().BeNull();
        var beforeCertificate = await LastRecordedAtAsync(auditor, contract.Url);
        await Task.Delay(20);

        var recorded = await (await contract.Wsp.PostJsonAsync($"/api/v1/contractors/{contract.Kvk}/pso-certificates",
            Certificate("trede2", "2024-07-01", "2026-06-30"))).ShouldBeAsync(HttpStatusCode.Created);

        recorded["number"]!.GetValue<int>().Should().Be(1);
        recorded["level"]!.GetValue<string>().Should().Be("trede2");
        recorded["municipality"]!.GetValue<string>().Should().Be(Eindhoven);
        var after = await BalanceAfterAsync(contract, Version(before), auditor);
        after.Decimal("obligationBeforePso").Should().Be(10_000m);
        // 92 days at 10% (v1) and 182 days at 20% (v2) of 365: 252,05 + 997,27.
        after.Decimal("obligation").Should().Be(8_750.68m);
        after.Decimal("pso.reduction").Should().Be(1_249.32m);
        after.Decimal("remaining").Should().Be(8_750.68m);
        after["pso"]!["termDays"]!.GetValue<int>().Should().Be(365);
        var lines = after["pso"]!["reductionLines"]!.AsArray();
        lines.Should().HaveCount(2);
        lines[0]!["from"]!.GetValue<string>().Should().Be("2024-07-01");
        lines[0]!["to"]!.GetValue<string>().Should().Be("2024-09-30");
        lines[0]!["days"]!.GetValue<int>().Should().Be(92);
        lines[0]!["policyVersion"]!.GetValue<string>().Should().Be("GM0772-v1");
        lines[0]!["certificate"]!.GetValue<int>().Should().Be(1);
        lines[0]!["certificateNumber"]!.GetValue<string>().Should().Be("PSO-2024-0042");
        lines[0]!["level"]!.GetValue<string>().Should().Be("trede2");
        lines[0]!.Decimal("percentage").Should().Be(10m);
        lines[0]!.Decimal("amount").Should().Be(252.05m);
        lines[1]!["from"]!.GetValue<string>().Should().Be("2024-10-01");
        lines[1]!["policyVersion"]!.GetValue<string>().Should().Be("GM0772-v2");
        lines[1]!.Decimal("percentage").Should().Be(20m);
        lines[1]!.Decimal("amount").Should().Be(997.27m);
        // The contract's own answer: the obligation as decided (before PSO) and, named so, the one in force with its reduction.
        var own = await (await auditor.GetAsync(contract.Url)).ShouldBeAsync(HttpStatusCode.OK);
        own.Decimal("obligation.amount").Should().Be(10_000m);
        own.Decimal("obligationInForce").Should().Be(8_750.68m);
        own.Decimal("psoReduction.amount").Should().Be(1_249.32m);
        var ownLines = own["psoReduction"]!["lines"]!.AsArray();
        ownLines.Select(l => l!["policyVersion"]!.GetValue<string>()).Should().Equal("GM0772-v1", "GM0772-v2");
        ownLines.Select(l => l!.Decimal("amount")).Should().Equal(252.05m, 997.27m);
        ownLines.Select(l => l!.Decimal("percentage")).Should().Equal(10m, 20m);
        own["version"]!.GetValue<long>().Should().Be(Version(after));
        var listedContracts = await (await auditor.GetAsync($"/api/v1/contracts?contractorKvk={contract.Kvk}")).ShouldBeAsync(HttpStatusCode.OK);
        listedContracts["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == contract.Id)!.Decimal("obligationInForce").Should().Be(8_750.68m);

        // As known before the certificate was recorded: the contract's own obligation.
        var then = await (await auditor.GetAsync($"{contract.Url}/balance?asKnownOn={beforeCertificate}")).ShouldBeAsync(HttpStatusCode.OK);
        then.Decimal("obligation").Should().Be(10_000m);
        then["pso"].Should().BeNull();
        // The fold's event names what caused it and who wrote it: the service, not the WSP.
        var history = await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var applied = history["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "contract.pso-applied.v1")!;
        applied["data"]!["cause"]!.GetValue<string>().Should().Be($"pso-certificate {contract.Kvk}/1 recorded");
        applied["metadata"]!["actor"]!.GetValue<string>().Should().Be("system:pso");
        applied["data"]!["reductions"]!.AsArray().Select(r => r!["policyVersion"]!.GetValue<string>()).Should().Equal("GM0772-v1", "GM0772-v2");
        var listedThen = await (await auditor.GetAsync($"/api/v1/contractors/{contract.Kvk}/pso-certificates?asKnownOn={beforeCertificate}"))
            .ShouldBeAsync(HttpStatusCode.OK);
        listedThen["certificates"]!.AsArray().Should().BeEmpty();
        var listed = await (await auditor.GetAsync($"/api/v1/contractors/{contract.Kvk}/pso-certificates?validOn=2025-01-01")).ShouldBeAsync(HttpStatusCode.OK);
        listed["certificates"]!.AsArray().Should().ContainSingle();
        listed["validOn"]!["number"]!.GetValue<int>().Should().Be(1);
        listed["version"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_purchase_from_a_certified_supplier_counts_at_the_share_of_the_version_in_force_on_its_invoice_date_an_uncertified_one_not()
    {
        var contract = await ContractAsync();
        var auditor = await api.ClientAsync("auditor", Eindhoven);
        var certified = ContractBodies.UniqueKvk();
        var uncertified = ContractBodies.UniqueKvk();
        JsonObject Purchase(string supplier, string invoiceDate) =>
            SocialProcurement(UniqueInvoice(), 12_000m, recognition: "none", supplierKvk: supplier).With("invoiceDate", invoiceDate);
        foreach (var purchase in new[] { Purchase(certified, "2024-05-15"), Purchase(certified, "2024-11-15"), Purchase(uncertified, "2024-11-15") })
            await contract.AcceptAsync(await contract.ReportAsync(purchase));
        var unshared = await contract.BalanceAsync();
        unshared.Decimal("accepted").Should().Be(0m); // the table gives a supplier without recognition nothing
        var beforeCertificate = await LastRecordedAtAsync(auditor, contract.Url);
        await Task.Delay(20);

        await (await contract.Wsp.PostJsonAsync($"/api/v1/contractors/{certified}/pso-certificates",
            Certificate("trede1", "2024-01-01", "2025-12-31", number: null))).ShouldBeAsync(HttpStatusCode.Created);

        var balance = await BalanceAfterAsync(contract, Version(unshared), auditor);
        balance.Decimal("accepted").Should().Be(9_600m);          // 50% of 12.000 (v1, May) + 30% of 12.000 (v2, November)
        balance.Decimal("byKind.social-procurement.accepted").Should().Be(9_600m);
        balance.Decimal("pso.purchasesAccepted").Should().Be(9_600m);
        balance.Decimal("obligation").Should().Be(10_000m);       // the contractor holds no certificate
        var purchases = balance["pso"]!["purchases"]!.AsArray();
        purchases.Should().HaveCount(2);
        purchases.Select(p => p!["supplier"]!.GetValue<string>()).Should().AllBe(certified);
        purchases[0]!["policyVersion"]!.GetValue<string>().Should().Be("GM0772-v1");
        purchases[0]!.Decimal("share").Should().Be(50m);
        purchases[0]!.Decimal("counted").Should().Be(6_000m);
        purchases[0]!["level"]!.GetValue<string>().Should().Be("trede1");
        purchases[1]!["policyVersion"]!.GetValue<string>().Should().Be("GM0772-v2");
        purchases[1]!.Decimal("extra").Should().Be(3_600m);

        var then = await (await auditor.GetAsync($"{contract.Url}/balance?asKnownOn={beforeCertificate}")).ShouldBeAsync(HttpStatusCode.OK);
        then.Decimal("accepted").Should().Be(0m);
        then["pso"].Should().BeNull();
    }

    [Fact]
    public async Task A_correction_and_a_withdrawal_change_the_figures_from_then_on_and_the_rules_are_kept()
    {
        var contract = await ContractAsync();
        var certificates = $"/api/v1/contractors/{contract.Kvk}/pso-certificates";
        var unreduced = Version(await contract.BalanceAsync());
        await (await contract.Wsp.PostJsonAsync(certificates, Certificate("trede2", "2024-01-01", "2026-12-31"))).ShouldBeAsync(HttpStatusCode.Created);
        var reduced = await BalanceAfterAsync(contract, unreduced);
        reduced.Decimal("obligation").Should().Be(8_501.37m); // 183 days at 10% (v1), 182 at 20% (v2): 501,37 + 997,26

        var overlap = await (await contract.Wsp.PostJsonAsync(certificates, Certificate("trede3", "2026-12-31", "2027-12-31"))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        overlap["code"]!.GetValue<string>().Should().Be("pso-certificate.overlaps");

        var corrected = await (await contract.Wsp.PostJsonAsync($"{certificates}/1/correction",
            Certificate("trede1", "2024-01-01", "2026-12-31").With("reason", "Trede verkeerd overgenomen"))).ShouldBeAsync(HttpStatusCode.OK);
        corrected["level"]!.GetValue<string>().Should().Be("trede1");
        var unreducedAgain = await BalanceAfterAsync(contract, Version(reduced));
        unreducedAgain.Decimal("obligation").Should().Be(10_000m); // the policy reduces trede 2 only
        unreducedAgain["pso"]!["reductionLines"]!.AsArray().Should().BeEmpty(); // PSO looked, and reduces nothing now
        var auditor = await api.ClientAsync("auditor", Eindhoven);
        var history = await (await auditor.GetAsync($"{certificates}")).ShouldBeAsync(HttpStatusCode.OK);
        history["version"]!.GetValue<long>().Should().Be(2);

        var withdrawn = await (await contract.Wsp.PostJsonAsync($"{certificates}/1/withdrawal", new JsonObject { ["reason"] = "Ingetrokken" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        withdrawn["withdrawn"]!.GetValue<bool>().Should().BeTrue();
        (await (await contract.Wsp.PostJsonAsync($"{certificates}/1/withdrawal", new JsonObject { ["reason"] = "Nogmaals" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("pso-certificate.withdrawn");
        await (await contract.Wsp.PostJsonAsync($"{certificates}/9/withdrawal", new JsonObject { ["reason"] = "Bestaat niet" })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// One obligation everywhere: €9.000 of training accepted on a contract whose term ended is overdue against €10.000 and
    /// fulfilled against the €8.750,68 left after the trede-2 certificate (under v1 and v2). Before the certificate every
    /// read says overdue and "met" is refused; after it, every read says fulfilled, the balance's ETag moved, and the
    /// settlement is decided on the reduced obligation. A settled contract keeps its figures when the certificate changes.
    /// </summary>
    [Fact]
    public async Task A_certificate_changes_the_list_status_the_worklist_the_obligations_report_the_settlement_and_the_balance_etag_alike()
    {
        var contract = await ContractAsync();
        var other = await OtherContractOfAsync(contract); // the same contractor's second contract, never settled here
        await contract.AcceptAsync(await contract.ReportAsync(Training(9_000m)));
        var beforeRead = await contract.Wsp.GetAsync($"{contract.Url}/balance");
        var before = await beforeRead.ShouldBeAsync(HttpStatusCode.OK);
        before["status"]!.GetValue<string>().Should().Be("overdue");
        await ShouldStandAsync(contract, "overdue", obligation: 10_000m, remaining: 1_000m, onWorklist: true);
        await ReportShouldSayAsync(contract, obligation: 20_000m, shortfall: 11_000m, fulfilled: 0, fulfilledObligation: 0m);
        (await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "met" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("settlement.not-met");

        await (await contract.Wsp.PostJsonAsync($"/api/v1/contractors/{contract.Kvk}/pso-certificates",
            Certificate("trede2", "2024-07-01", "2026-06-30"))).ShouldBeAsync(HttpStatusCode.Created);

        var after = await BalanceAfterAsync(contract, Version(before));
        var afterRead = await contract.Wsp.GetAsync($"{contract.Url}/balance");
        afterRead.Headers.ETag!.Tag.Should().NotBe(beforeRead.Headers.ETag!.Tag);
        after["status"]!.GetValue<string>().Should().Be("fulfilled");
        after.Decimal("obligation").Should().Be(8_750.68m);
        after.Decimal("obligationBeforePso").Should().Be(10_000m);
        await ShouldStandAsync(contract, "fulfilled", obligation: 8_750.68m, remaining: 0m, onWorklist: false);
        await BalanceAfterAsync(other, 1); // the other contract's terms come in the same message, one transaction each
        await ReportShouldSayAsync(contract, obligation: 17_501.36m, shortfall: 8_750.68m, fulfilled: 1, fulfilledObligation: 8_750.68m);
        // A stale If-Match (the ETag read before the certificate) is refused: the contract changed under it.
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "met" },
            request => request.Headers.IfMatch.Add(beforeRead.Headers.ETag!))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);

        var settled = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "met" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        settled.Decimal("obligation").Should().Be(8_750.68m);
        settled.Decimal("accepted").Should().Be(9_000m);
        settled.Decimal("shortfall").Should().Be(0m);

        // Corrected to a level the policy does not reduce: the open contract goes back to €10.000, the settled one stays.
        var settledVersion = Version(await contract.BalanceAsync());
        var otherReduced = await BalanceAfterAsync(other, 1);
        otherReduced.Decimal("obligation").Should().Be(8_750.68m);
        await (await contract.Wsp.PostJsonAsync($"/api/v1/contractors/{contract.Kvk}/pso-certificates/1/correction",
            Certificate("trede1", "2024-07-01", "2026-06-30").With("reason", "Trede verkeerd overgenomen"))).ShouldBeAsync(HttpStatusCode.OK);
        (await BalanceAfterAsync(other, Version(otherReduced))).Decimal("obligation").Should().Be(10_000m);
        var kept = await contract.BalanceAsync();
        Version(kept).Should().Be(settledVersion);
        kept["status"]!.GetValue<string>().Should().Be("settled");
        kept.Decimal("obligation").Should().Be(8_750.68m);
    }

    /// <summary>
    /// A policy version added later changes the terms of the contracts already certified: in a municipality of its own
    /// (Leeuwarden, GM0080), v1 (from 2000) reduces trede 2 by 10% — €1.000 over the whole term — and v2, added after the
    /// certificate and in force from 2024-10-01, by 20% from that day: 501,37 + 997,26.
    /// </summary>
    [Fact]
    public async Task A_policy_version_added_later_is_folded_into_the_certified_contracts_from_its_date()
    {
        const string Leeuwarden = "GM0080";
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", Policy("2000-01-01", 10m, 50m).With("municipality", Leeuwarden)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var kvk = ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop", Leeuwarden);
        var registered = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: kvk, awardedOn: "2024-03-01")))
            .ShouldBeAsync(HttpStatusCode.Created);
        var contract = new ContractUnderReport(registered["id"]!.GetValue<string>(), kvk, await api.ClientAsync("opdrachtnemer", Leeuwarden, kvk),
            await api.ClientAsync("wsp", Leeuwarden), inkoop);
        await (await contract.Wsp.PostJsonAsync($"/api/v1/contractors/{kvk}/pso-certificates", Certificate("trede2", "2024-01-01", "2026-12-31")))
            .ShouldBeAsync(HttpStatusCode.Created);
        var underV1 = await BalanceAfterAsync(contract, 1);
        underV1.Decimal("obligation").Should().Be(9_000m);

        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", Policy("2024-10-01", 20m, 30m).With("municipality", Leeuwarden)))
            .ShouldBeAsync(HttpStatusCode.Created);

        var underBoth = await BalanceAfterAsync(contract, Version(underV1));
        underBoth.Decimal("obligation").Should().Be(8_501.37m);
        underBoth["pso"]!["reductionLines"]!.AsArray().Select(l => l!["policyVersion"]!.GetValue<string>()).Should().Equal("GM0080-v1", "GM0080-v2");
        var listed = await (await contract.Contractor.GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK);
        listed["items"]!.AsArray().Single()!.Decimal("remaining").Should().Be(8_501.37m);
    }

    /// <summary>The contract's standing in the list (filtered by status) and the worklist.</summary>
    private static async Task ShouldStandAsync(ContractUnderReport contract, string status, decimal obligation, decimal remaining, bool onWorklist)
    {
        var list = await (await contract.Wsp.GetAsync($"/api/v1/contracts?contractorKvk={contract.Kvk}&status={status}")).ShouldBeAsync(HttpStatusCode.OK);
        var item = list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == contract.Id)!;
        item["balanceStatus"]!.GetValue<string>().Should().Be(status);
        item.Decimal("remaining").Should().Be(remaining);

        // Overdue, or due for settlement once the repair period passed: either way on the worklist with its obligation.
        var mine = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var worklist = await (await contract.Wsp.GetAsync($"/api/v1/worklist?pageSize=100&page={page}")).ShouldBeAsync(HttpStatusCode.OK);
            var items = worklist["items"]!.AsArray();
            mine.AddRange(items.Where(i => i!["contractId"]!.GetValue<string>() == contract.Id).Select(i => i!));
            if (items.Count < 100) break;
        }
        if (onWorklist)
        {
            mine.Should().ContainSingle();
            mine[0]["kind"]!.GetValue<string>().Should().BeOneOf("overdue", "settlement-due");
            mine[0].Decimal("obligation").Should().Be(obligation);
            mine[0].Decimal("remaining").Should().Be(remaining);
        }
        else mine.Should().BeEmpty();

    }

    /// <summary>
    /// The obligations report over the contractor's key: its two contracts (the one settled here and the other, open, with
    /// nothing accepted), the fulfilled ones apart.
    /// </summary>
    private static async Task ReportShouldSayAsync(ContractUnderReport contract, decimal obligation, decimal shortfall, long fulfilled, decimal fulfilledObligation)
    {
        var report = await (await contract.Contractor.GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        report["total"]!["contracts"]!.GetValue<long>().Should().Be(2);
        report.Decimal("total.obligation").Should().Be(obligation);
        report.Decimal("total.shortfall").Should().Be(shortfall);
        var row = report["byStatus"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == "fulfilled")!;
        row["contracts"]!.GetValue<long>().Should().Be(fulfilled);
        row.Decimal("obligation").Should().Be(fulfilledObligation);
    }

    /// <summary>A second contract of the same contractor, registered and still open.</summary>
    private async Task<ContractUnderReport> OtherContractOfAsync(ContractUnderReport contract)
    {
        var body = ContractBodies.Registration(200_000m, kvk: contract.Kvk, awardedOn: "2024-03-01");
        var registered = await (await contract.Inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
        return contract with { Id = registered["id"]!.GetValue<string>() };
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_every_field_and_only_the_municipalitys_wsp_records()
    {
        var contract = await ContractAsync();
        var certificates = $"/api/v1/contractors/{contract.Kvk}/pso-certificates";

        var bad = await (await contract.Wsp.PostJsonAsync("/api/v1/contractors/1234/pso-certificates",
            new JsonObject { ["level"] = "trede9", ["validFrom"] = "2025-01-01", ["validTo"] = "2024-01-01" })).ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["kvk", "level"]);
        await (await contract.Wsp.PostJsonAsync(certificates, Certificate("trede1", "2025-01-01", "2024-12-31"))).ShouldNameFieldAsync("validTo");
        await (await contract.Wsp.PostJsonAsync(certificates, Certificate("trede1", "2024-01-01", "2024-12-31").With("municipality", "GM0603")))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Contractor.PostJsonAsync(certificates, Certificate("trede1", "2024-01-01", "2024-12-31"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().PostJsonAsync(certificates, Certificate("trede1", "2024-01-01", "2024-12-31"))).ShouldNameFieldAsync("municipality");
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", Policy("2030-01-01", 0m, 101m))).ShouldNameFieldAsync("pso.reductions[0].percentage");

        // Another municipality's WSP has recorded nothing for the organisation, and cannot touch Eindhoven's record.
        await (await contract.Wsp.PostJsonAsync(certificates, Certificate("trede1", "2024-01-01", "2024-12-31"))).ShouldBeAsync(HttpStatusCode.Created);
        var rijswijk = await api.ClientAsync("wsp");
        (await (await rijswijk.GetAsync(certificates)).ShouldBeAsync(HttpStatusCode.OK))["certificates"]!.AsArray().Should().BeEmpty();
        await (await rijswijk.PostJsonAsync($"{certificates}/1/withdrawal", new JsonObject { ["reason"] = "Niet van ons" })).ShouldBeAsync(HttpStatusCode.NotFound);
        // A contractor reads its own certificates, not another organisation's.
        (await (await contract.Contractor.GetAsync(certificates)).ShouldBeAsync(HttpStatusCode.OK))["certificates"]!.AsArray().Should().ContainSingle();
        await (await contract.Contractor.GetAsync($"/api/v1/contractors/{ContractBodies.UniqueKvk()}/pso-certificates")).ShouldBeAsync(HttpStatusCode.NotFound);
    }
}
