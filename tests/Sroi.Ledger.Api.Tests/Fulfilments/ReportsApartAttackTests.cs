using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Contracts.ReportsApart;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Fulfilments.Storing;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Pso;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23, stage 3 under attack (session 37): with the operator's switch on (<see cref="ReportsApartSwitch"/>) a contract's
/// document is written without its report list and its inline fold (<see cref="ReportsApartFold"/>) reads each event's reports
/// from the report documents. Each test drives a path where a reader or the fold could still lean on the list, or where the
/// reports held in memory across one append could drift from a fresh fold, and holds every figure to the events folded afresh
/// (<see cref="HoldsAsync"/>) or to the same commands run with the switch off (the differential test). Every test leaves the
/// switch off.
/// </summary>
[Collection(ApiCollection.Name)]
public class ReportsApartAttackTests(LedgerApi api) : ReportsApartAttack(api)
{
    private readonly LedgerApi api = api;

    private const string Eindhoven = "GM0772";

    /// <summary>
    /// Found by this attack: a supplier's PSO certificate is re-applied to the contracts that bought from it, found by a
    /// JSON path over the contract document's report list (<c>PsoReapplication.AffectedAsync</c>). With the switch on that
    /// list is empty, so the contract was never found: its certified purchase did not count, silently, until another event
    /// of the contract happened to re-apply its terms.
    /// </summary>
    [Fact]
    public async Task A_suppliers_certificate_reaches_a_contract_whose_reports_are_apart()
    {
        await PsoTests.PrepareAsync(api);
        var kvk = ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop", Eindhoven);
        var created = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: kvk, awardedOn: "2024-03-01")))
            .ShouldBeAsync(HttpStatusCode.Created);
        var contract = new ContractUnderReport(created["id"]!.GetValue<string>(), kvk,
            await api.ClientAsync("opdrachtnemer", Eindhoven, kvk), await api.ClientAsync("wsp", Eindhoven), inkoop);
        var supplier = ContractBodies.UniqueKvk();
        await contract.AcceptAsync(await contract.ReportAsync(
            SocialProcurement(UniqueInvoice(), 12_000m, recognition: "none", supplierKvk: supplier).With("invoiceDate", "2024-05-15")));
        (await StateAsync(contract))["reportsApart"]!.GetValue<bool>().Should().BeTrue("the switch is on: the report's write put the list apart");
        (await contract.BalanceAsync()).Decimal("accepted").Should().Be(0m, "an uncertified supplier without recognition counts nothing");

        await (await contract.Wsp.PostJsonAsync($"/api/v1/contractors/{supplier}/pso-certificates",
            PsoTests.Certificate("trede1", "2024-01-01", "2025-12-31", number: null))).ShouldBeAsync(HttpStatusCode.Created);

        var balance = await Eventually.UntilAsync(() => contract.BalanceAsync(), b => b.Decimal("accepted") == 6_000m,
            $"contract {contract.Id}'s purchase from {supplier} counts once the supplier is certified", TimeSpan.FromSeconds(30),
            b => b.ToJsonString());
        balance.Decimal("pso.purchasesAccepted").Should().Be(6_000m, "50% of 12.000 under v1 (May)");
    }

    /// <summary>
    /// One append that holds several events on the same report (the ledger's own commands append one event, but the fold must
    /// not depend on that: an import, a repair or a later command may append more): the same report corrected twice and the
    /// second correction accepted; a report made, accepted, corrected and that correction rejected; a report rejected,
    /// corrected twice and the last withdrawn. The fold carries what it changed from event to event in memory
    /// (<see cref="ReportsHeld"/>), since the report documents it reads are those before the append. Once on a document
    /// already apart, once on a document converted by that very append.
    /// </summary>
    [Fact]
    public async Task Several_events_on_one_report_in_one_append_fold_as_a_fresh_fold_does()
    {
        var contract = await ContractAsync(api);
        var a = await contract.AcceptAsync(await contract.ReportAsync(Training(1_000m)));
        var b = await contract.ReportAsync(Training(400m));
        await ManyAtOnceAsync(contract, Id(a), Id(b));
        await contract.ReportAsync(Training(50m));
        await HoldsAsync(contract);

        // Written with the switch off (the list whole), converted by the append itself.
        await ReportsApartSwitchTests.TurnOffAsync(api);
        var listed = await ContractAsync(api);
        var c = await listed.AcceptAsync(await listed.ReportAsync(Training(1_000m)));
        var d = await listed.ReportAsync(Training(400m));
        (await StateAsync(listed))["fulfilments"]!["inOrder"]!.AsArray().Should().HaveCount(2);
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        await ManyAtOnceAsync(listed, Id(c), Id(d));
        await listed.ReportAsync(Training(50m));
        await HoldsAsync(listed);
    }

    private async Task ManyAtOnceAsync(ContractUnderReport contract, Guid accepted, Guid pending)
    {
        var stream = Stream(contract);
        var made = await ReportedEventAsync(stream, accepted);
        var today = Today;
        Guid c1 = Guid.NewGuid(), c2 = Guid.NewGuid(), e = Guid.NewGuid(), f = Guid.NewGuid(), g = Guid.NewGuid(), h = Guid.NewGuid();
        await AppendAsync(stream,
            made with { FulfilmentId = c1, Replaces = accepted },
            made with { FulfilmentId = c2, Replaces = c1 },
            new FulfilmentAccepted(c2, today, null));
        await HoldsAsync(contract);
        await AppendAsync(stream,
            made with { FulfilmentId = e, Replaces = null },
            new FulfilmentAccepted(e, today, null),
            made with { FulfilmentId = f, Replaces = e },
            new FulfilmentRejected(f, today, "Geen bewijs"),
            new FulfilmentRejected(pending, today, "Geen bewijs"),
            made with { FulfilmentId = g, Replaces = pending },
            made with { FulfilmentId = h, Replaces = g },
            new FulfilmentWithdrawn(h, today, "Dubbel"));
        await HoldsAsync(contract);
        // The API decides on what the append left: e's correction was rejected, so e is corrected again.
        var again = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{e}/correction", Training(1_200m)))
            .ShouldBeAsync(HttpStatusCode.Created);
        await contract.AcceptAsync(again);
        await HoldsAsync(contract);
    }

    /// <summary>
    /// The switch turned on in the middle of concurrent reviews and corrections of one contract: each write folds either with the
    /// list or apart, under the stream's lock, and every figure ends as the whole list's.
    /// </summary>
    [Fact]
    public async Task The_switch_turned_on_amid_concurrent_writes_on_one_contract_loses_nothing()
    {
        await ReportsApartSwitchTests.TurnOffAsync(api);
        var contract = await ContractAsync(api);
        var reports = new List<JsonNode>();
        for (var i = 0; i < 6; i++) reports.Add(await contract.ReportAsync(Training(100m + i)));
        await contract.AcceptAsync(reports[0]);
        await contract.AcceptAsync(reports[1]);

        var requests = new List<Task<HttpResponseMessage>>();
        foreach (var (report, i) in reports.Select((r, i) => (r, i)))
        {
            var url = $"{contract.Url}/fulfilments/{report["id"]}";
            requests.Add(contract.Wsp.PostJsonAsync($"{url}/acceptance", new JsonObject()));
            requests.Add(contract.Contractor.PostJsonAsync($"{url}/correction", Training(200m + i)));
            if (i == 2) requests.Add(Task.Run(async () =>
            {
                await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
                return new HttpResponseMessage(HttpStatusCode.OK);
            }));
            requests.Add(contract.Wsp.PostJsonAsync($"{url}/rejection", new JsonObject { ["reason"] = "Geen bewijs" }));
            requests.Add(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Training(10m + i)));
        }
        (await Task.WhenAll(requests)).Select(r => (int)r.StatusCode).Should().OnlyContain(s => s == 200 || s == 201 || s == 409 || s == 422,
            "a lost race is a 409 or a broken rule, never a 500");
        await contract.ReportAsync(Training(1m));
        await HoldsAsync(contract);
    }

    /// <summary>
    /// Every kind of write on one apart contract at once: reports of one candidate over overlapping periods (the overlap rule
    /// reads the candidate's counting reports), the same invoice twice, reviews, corrections of corrections, withdrawals, a plan
    /// submitted and approved, an amendment of the value and a settlement. Whatever wins, every figure is the fresh fold's.
    /// </summary>
    [Fact]
    public async Task Every_kind_of_write_at_once_on_one_apart_contract_ends_as_a_fresh_fold()
    {
        var contract = await ContractAsync(api);
        var k = await contract.AcceptAsync(await contract.ReportAsync(Employment("CC1", start: "2024-04-01", end: "2024-06-30")));
        var t = await contract.ReportAsync(Training(500m));
        var c1 = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{k["id"]}/correction", Employment("CC1", start: "2024-04-01", end: "2024-07-31")))
            .ShouldBeAsync(HttpStatusCode.Created);
        var invoice = UniqueInvoice();
        var plan = new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["kind"] = "employment", ["from"] = "2024-04-01", ["to"] = "2024-12-31", ["amount"] = 2 }),
        };
        var requests = new List<Task<HttpResponseMessage>>
        {
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment("CC1", start: "2024-07-01", end: "2024-09-30")),
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment("CC1", start: "2024-08-01", end: "2024-10-31")),
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", SocialProcurement(invoice, 5_000m)),
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", SocialProcurement(invoice, 5_000m)),
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{c1["id"]}/correction", Employment("CC1", start: "2024-04-01", end: "2024-05-31")),
            contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{c1["id"]}/acceptance", new JsonObject()),
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{t["id"]}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }),
            contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{t["id"]}/acceptance", new JsonObject()),
            contract.Contractor.PutAsync($"{contract.Url}/plan", new StringContent(plan.ToJsonString(), System.Text.Encoding.UTF8, "application/json")),
            contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject()),
            contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments", new JsonObject { ["contractValue"] = 150_000m, ["effectiveOn"] = "2024-09-01", ["reason"] = "Minderwerk" }),
            contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "penalty", ["amount"] = 1_000, ["reason"] = "Na herstelperiode" }),
        };
        var answers = await Task.WhenAll(requests);
        answers.Select(r => (int)r.StatusCode).Should().OnlyContain(s => s == 200 || s == 201 || s == 409 || s == 412 || s == 422,
            "a lost race is a 409 or a broken rule, never a 500");
        answers.Skip(2).Take(2).Count(r => r.StatusCode == HttpStatusCode.Created).Should().BeLessThanOrEqualTo(1, "the same invoice is claimed once");
        await contract.ReportAsync(Training(5m));
        await HoldsAsync(contract);
    }

    /// <summary>
    /// A document as the previous builds left it (the list whole, no totals: a stage-2 node registered the contract and wrote
    /// every event since) converted by this build's next write with the switch on; then the report documents of an apart
    /// contract missing the report an event names, and lagging (<c>fulfilment_streams</c> behind, a report's document stale, as
    /// a node of a build before them leaves them): the fold reads the events instead, and every figure is the fresh fold's.
    /// </summary>
    [Fact]
    public async Task A_previous_builds_document_and_missing_or_lagging_report_documents_fold_from_the_events()
    {
        await ReportsApartSwitchTests.TurnOffAsync(api);
        var contract = await ContractAsync(api);
        var a = await contract.AcceptAsync(await contract.ReportAsync(Employment("PB1")));
        var b = await contract.ReportAsync(Training(600m));
        await Stage2AttackTests.SubmitPlanAsync(contract, 1, "2024-12-31");
        await ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = data #- '{{state,totals}}' WHERE id = $1", Stream(contract));
        (await StateAsync(contract))["totals"].Should().BeNull();
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        await HoldsAsync(contract);

        // The named report's document gone: the acceptance folds the reports from the events (and the report documents'
        // projection writes it again).
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE id = $1", Id(b));
        await contract.AcceptAsync(b);
        await HoldsAsync(contract);

        // Lagging: a correction of a written while the documents are held at the version before it.
        var stream = Stream(contract);
        var before = await ScalarAsync<string>($"SELECT data::text FROM {FulfilmentStorage.Table} WHERE id = $1", Id(a));
        var version = await ScalarAsync<long>($"SELECT version FROM {FulfilmentDocuments.StreamsTable} WHERE contract_id = $1", stream);
        var c = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{a["id"]}/correction", Employment("PB1", end: "2024-08-31")))
            .ShouldBeAsync(HttpStatusCode.Created);
        await ExecuteAsync($"UPDATE {FulfilmentStorage.Table} SET data = $2::jsonb WHERE id = $1", Id(a), before);
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE id = $1", Id(c));
        await ExecuteAsync($"UPDATE {FulfilmentDocuments.StreamsTable} SET version = $2 WHERE contract_id = $1", stream, version);
        await contract.AcceptAsync(c);
        await HoldsAsync(contract);
    }

    /// <summary>
    /// A report document lost (deleted by hand, a restore that missed a row) while <c>fulfilment_streams</c> says the documents
    /// are current, and then a plan approved: the plan's tally is taken over every report, which the fold and the decision
    /// read from the report documents. The accepted employment whose document is gone must still count.
    /// </summary>
    [Fact]
    public async Task A_lost_report_document_is_not_left_out_of_a_plan_events_tally()
    {
        var contract = await ContractAsync(api);
        var k = await contract.AcceptAsync(await contract.ReportAsync(Employment("LD1", start: "2024-04-01", end: "2024-06-30")));
        await contract.AcceptAsync(await contract.ReportAsync(Employment("LD2", start: "2024-04-01", end: "2024-06-30")));
        await Stage2AttackTests.SubmitPlanAsync(contract, 3, "2024-12-31");
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE id = $1", Id(k));

        var approved = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        var plan = await ReadAsync(contract.Wsp, $"{contract.Url}/plan");
        plan["inForce"]!["lines"]!.AsArray()[0]!.Decimal("realised").Should().Be(2m, $"both candidates work in the line (approval answered {approved.ToJsonString()})");
        await using var session = Store.QuerySession(Tenant);
        var stored = (await session.LoadAsync<ContractDocument>(Stream(contract)))!;
        var live = (await session.Events.AggregateStreamAsync<ContractDocument>(Stream(contract)))!;
        stored.Plan.Should().BeEquivalentTo(live.Plan, "the stored plan figures are a fresh fold's");
        stored.State.Totals.Should().BeEquivalentTo(live.State.Totals, o => o.WithStrictOrdering());

        // A correction names the report: its document is folded again (FulfilmentDocuments), and nothing is left to name.
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{k["id"]}/correction", Employment("LD1", start: "2024-04-01", end: "2024-07-31")))
            .ShouldBeAsync(HttpStatusCode.Created);
        await HoldsAsync(contract);
    }

    /// <summary>
    /// A differential test: the same commands on two contracts, one with the switch off (its document keeps the list), one with it
    /// on (apart), and every read of them compared, ids, numbers and instants aside: the contract, its balance today and as known
    /// now, its plan, its reports one by one and listed, and the columns the list and the worklist
    /// read.
    /// </summary>
    [Fact]
    public async Task The_same_commands_with_the_switch_off_and_on_read_the_same_everywhere()
    {
        await ReportsApartSwitchTests.TurnOffAsync(api);
        var off = await ContractAsync(api);
        var offNames = await DriveAsync(off);
        (await StateAsync(off))["reportsApart"].Should().BeNull();
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        var on = await ContractAsync(api);
        var onNames = await DriveAsync(on);
        (await StateAsync(on))["reportsApart"]!.GetValue<bool>().Should().BeTrue();

        var names = offNames.Zip(onNames).Append((off.Id, on.Id)).Append((off.Kvk, on.Kvk)).ToList();
        names.Add(((await ReadAsync(off.Wsp, off.Url))["reference"]!.GetValue<string>(), (await ReadAsync(on.Wsp, on.Url))["reference"]!.GetValue<string>()));
        var now = Uri.EscapeDataString(NodaTime.SystemClock.Instance.GetCurrentInstant().Plus(NodaTime.Duration.FromSeconds(2)).ToString());
        var reads = new List<string> { "", "/balance", $"/balance?asKnownOn={now}", "/plan", "/fulfilments", $"/fulfilments?asKnownOn={now}" };
        reads.AddRange(offNames.Where(n => Guid.TryParse(n, out _)).Select(id => $"/fulfilments/{id}"));
        foreach (var read in reads)
        {
            var seen = Normalised(await ReadAsync(off.Wsp, off.Url + read), names);
            var mapped = read;
            foreach (var (x, y) in names) mapped = mapped.Replace(x, y);
            Normalised(await ReadAsync(on.Wsp, on.Url + mapped), []).Should().Be(seen, $"GET {read} reads the same with the switch on");
        }
        var columns = $"SELECT concat_ws(' | ', status, fixed_status, behind_from, pending_since, plan_missing_from, contract_value_cents) FROM {ContractStorage.Table} WHERE id = $1";
        var offColumns = await ScalarAsync<string>(columns, Stream(off));
        foreach (var (x, y) in names) offColumns = offColumns.Replace(x, y);
        (await ScalarAsync<string>(columns, Stream(on))).Should().Be(offColumns, "the list and the worklist read the same columns");
        // The reports awaiting review: with the list, the column the worklist reads; apart (stage 3 step 4), the column is
        // empty and the worklist reads the pending report documents instead, in the order of their day and id.
        var offPending = await ScalarAsync<string>($"SELECT coalesce(string_agg(r ->> 'id', ',' ORDER BY r ->> 'reportedOn', r ->> 'id'), '') FROM {ContractStorage.Table} c, jsonb_array_elements(c.pending_reports) r WHERE c.id = $1", Stream(off));
        foreach (var (x, y) in names) offPending = offPending.Replace(x, y);
        (await ScalarAsync<string>($"SELECT pending_reports::text FROM {ContractStorage.Table} WHERE id = $1", Stream(on))).Should().Be("[]");
        (await ScalarAsync<string>($"SELECT coalesce(string_agg(id::text, ',' ORDER BY data -> 'report' ->> 'reportedOn', id::text), '') FROM {FulfilmentStorage.Table} WHERE contract_id = $1 AND data -> 'report' ->> 'status' = 'pending'", Stream(on)))
            .Should().Be(offPending, "the worklist's reports awaiting review are the same reports");
        await HoldsAsync(on);
    }

    /// <summary>
    /// Reports of every kind, reviews, corrections of corrections (pending and accepted), a rejected report corrected, a
    /// withdrawal, a plan approved and a revision returned, an amendment of the value, a social purchase; the reports left
    /// pending at the end. Returns the reports' ids and the invoice numbers, in order.
    /// </summary>
    private static async Task<List<string>> DriveAsync(ContractUnderReport contract)
    {
        var names = new List<string>();
        async Task<JsonNode> Named(Task<JsonNode> made)
        {
            var node = await made;
            names.Add(node["id"]!.GetValue<string>());
            return node;
        }
        Task<JsonNode> Correct(JsonNode report, JsonObject body) => Named(Task.Run(async () =>
            await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/correction", body)).ShouldBeAsync(HttpStatusCode.Created)));

        var r1 = await Named(contract.ReportAsync(Employment("D1", start: "2024-04-01", end: "2024-06-30")));
        await contract.AcceptAsync(r1);
        var r2 = await Named(contract.ReportAsync(Training(1_000m)));
        await contract.RejectAsync(r2);
        var r2b = await Correct(r2, Training(1_100m));
        var c1 = await Correct(r1, Employment("D1", start: "2024-04-01", end: "2024-07-31"));
        var c2 = await Correct(c1, Employment("D1", start: "2024-04-01", end: "2024-05-31"));
        await Stage2AttackTests.SubmitPlanAsync(contract, 2, "2024-12-31");
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        var r3 = await Named(contract.ReportAsync(SocialActivity()));
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{r3["id"]}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 260_000m, ["effectiveOn"] = "2024-09-01", ["reason"] = "Meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        await contract.AcceptAsync(c2);
        await contract.AcceptAsync(r2b);
        var invoice = UniqueInvoice();
        names.Add(invoice);
        var r4 = await Named(contract.ReportAsync(SocialProcurement(invoice, 12_000m)));
        await contract.AcceptAsync(r4);
        await Stage2AttackTests.SubmitPlanAsync(contract, 3, "2024-09-30");
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/return", new JsonObject { ["reason"] = "Te weinig" })).ShouldBeAsync(HttpStatusCode.OK);
        var r5 = await Named(contract.ReportAsync(Employment("D2", start: "2024-08-01", end: "2024-10-31")));
        await Correct(r5, Employment("D2", hours: 20m, start: "2024-08-01", end: "2024-10-31"));
        await Named(contract.ReportAsync(Bbl()));
        await Named(contract.ReportAsync(Internship()));
        return names;
    }

    private static async Task<JsonNode> ReadAsync(HttpClient client, string url) =>
        await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    /// <summary>The answer as text with the first contract's names put as the second's, and the instants (members ending in "At") left out.</summary>
    private static string Normalised(JsonNode answer, IEnumerable<(string From, string To)> names)
    {
        var copy = answer.DeepClone();
        Strip(copy);
        var text = copy.ToJsonString();
        foreach (var (from, to) in names) text = text.Replace(from, to);
        return text;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(k => k.EndsWith("At", StringComparison.Ordinal)).ToList()) o.Remove(key);
                foreach (var (_, value) in o) Strip(value);
                break;
            case JsonArray a:
                foreach (var value in a) Strip(value);
                break;
        }
    }
}

/// <summary>
/// What the attacks on stage 3 share (<see cref="ReportsApartAttackTests"/>, <see cref="ReportsApartRebuildAttackTests"/>): the
/// switch on for each test and off after it, and the checks against a fresh fold.
/// </summary>
public abstract class ReportsApartAttack(LedgerApi api) : IAsyncLifetime
{
    protected const string Tenant = "GM0603";

    protected IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    public Task InitializeAsync() => ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);

    public Task DisposeAsync() => ReportsApartSwitchTests.TurnOffAsync(api);

    // ---- what every test holds ----

    /// <summary>
    /// The stored document (apart: no list, <c>reportsApart</c>) against the events folded afresh: its stream version, its totals
    /// (strictly ordered), its balance, plan figures and pending reports against Marten's own fresh fold (what the verification
    /// and the rebuild compute), the report documents against their fold, and the verification naming nothing of the contract.
    /// </summary>
    protected async Task HoldsAsync(ContractUnderReport contract)
    {
        var stream = Stream(contract);
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(stream);
        var fold = ContractDecider.Fold(events.Select(e => e.Data).OfType<IContractEvent>());
        var whole = fold with { Totals = null };
        var stored = (await session.LoadAsync<ContractDocument>(stream))!;
        var live = (await session.Events.AggregateStreamAsync<ContractDocument>(stream))!;
        (stored.StreamVersion, stored.State.ReportsApart, stored.State.Fulfilments.Count).Should().Be((events[^1].Version, true, 0));
        // The reports awaiting review are not in an apart document (stage 3 step 4): the totals list none, the column is
        // empty, and the day of the oldest is kept (the worklist reads the reports from their own documents).
        stored.State.Totals.Should().BeEquivalentTo(ContractTotals.Of(whole) with { Pending = [] }, o => o.WithStrictOrdering(),
            "the stored totals are the whole list's, without the reports awaiting review");
        stored.Balance.Should().BeEquivalentTo(live.Balance);
        stored.Plan.Should().BeEquivalentTo(live.Plan);
        (stored.PendingReports, stored.PendingSince, stored.OldestPendingOn).Should().Be(("[]", live.PendingSince, live.PendingSince));
        var documents = await session.Query<FulfilmentDocument>().Where(d => d.ContractId == stream).ToListAsync();
        documents.OrderBy(d => d.Position).Select(d => d.Report).Should().BeEquivalentTo(fold.Fulfilments.InOrder, o => o.WithStrictOrdering(),
            "the report documents are the whole list's");
        (await DiscrepanciesAsync(stream)).Should().BeEmpty();
    }

    protected async Task<List<string>> DiscrepanciesAsync(string stream) =>
        [.. (await VerificationAsync()).Where(d => d!["stream"]!.GetValue<string>() == stream).Select(d => $"{d!["code"]}: {d["detail"]}")];

    /// <summary>Every contract document the verification names as not its fresh fold, in any municipality.</summary>
    protected async Task<List<string>> DocumentDiscrepanciesAsync() =>
        [.. (await VerificationAsync()).Where(d => d!["code"]!.GetValue<string>() == "document.differs" && d["stream"]!.GetValue<string>().StartsWith("contract-", StringComparison.Ordinal))
            .Select(d => $"{d!["stream"]}: {d["detail"]}")];

    protected async Task<JsonArray> VerificationAsync()
    {
        var auditor = await api.ClientAsync("auditor");
        var verification = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        return verification["discrepancies"]!.AsArray();
    }

    protected async Task<FulfilmentReported> ReportedEventAsync(string stream, Guid report)
    {
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(stream);
        return events.Select(e => e.Data).OfType<FulfilmentReported>().Single(e => e.FulfilmentId == report);
    }

    /// <summary>Events appended to the contract's stream in one append, as the ledger appends (its chain, its inline folds).</summary>
    protected async Task AppendAsync(string stream, params IContractEvent[] events)
    {
        long version;
        await using (var session = Store.QuerySession(Tenant))
            version = (await session.Events.FetchStreamStateAsync(stream))!.Version;
        await api.Services.GetRequiredService<LedgerEvents>().AppendAsync(new AppendRequest(MunicipalityCode.Parse(Tenant), new StreamId(stream), version,
            [.. events], new EventMetadata("wsp:attack-test", "attack-test")));
    }

    protected static string Stream(ContractUnderReport contract) => $"contract-{contract.Id}";

    protected static Guid Id(JsonNode report) => report["id"]!.GetValue<Guid>();

    protected async Task<JsonObject> StateAsync(ContractUnderReport contract)
    {
        await using var command = api.DataSource.CreateCommand($"SELECT data->'state' FROM {ContractStorage.Table} WHERE id = $1");
        command.Parameters.AddWithValue(Stream(contract));
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsObject();
    }

    protected async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = api.DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    protected async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var command = api.DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

}

/// <summary>
/// The rebuilds with the switch on, on a database of their own: a rebuild folds every stream of its database, and the shared
/// one holds the auditing tests' deliberately forged events (Marten's daemon cannot read them: RebuildUnderWritesTests).
/// </summary>
public class ReportsApartRebuildAttackTests(LedgerApi api) : ReportsApartAttack(api), IClassFixture<LedgerApi>
{
    private readonly LedgerApi api = api;

    /// <summary>
    /// The rebuilds with the switch on: Marten's daemon (the command line's <c>projections rebuild</c>, here its fold of the
    /// contracts in process, over the whole database, so that streams cut across its pages are folded from a stored
    /// document in between) and the online rebuild. Every contract document comes back as a fresh fold of its events (the
    /// verification names no <c>document.differs</c>), and the next write puts the list apart again.
    /// </summary>
    [Fact]
    public async Task The_daemons_and_the_online_rebuild_with_the_switch_on_give_a_fresh_folds_documents()
    {
        var contract = await ContractAsync(api);
        var a = await contract.AcceptAsync(await contract.ReportAsync(Employment("RB1")));
        var c = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{a["id"]}/correction", Employment("RB1", end: "2024-07-31")))
            .ShouldBeAsync(HttpStatusCode.Created);
        await contract.RejectAsync(await contract.ReportAsync(Training(300m)));
        await contract.ReportAsync(Training(700m));
        await HoldsAsync(contract);

        using (var daemon = await Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<ContractFold>(TimeSpan.FromMinutes(3), CancellationToken.None);
        (await DocumentDiscrepanciesAsync()).Should().BeEmpty("the daemon's fold of every contract is the fresh fold");
        await contract.AcceptAsync(c);
        await HoldsAsync(contract);

        await (await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
        (await DocumentDiscrepanciesAsync()).Should().BeEmpty("the online rebuild's fold of every contract is the fresh fold");
        await contract.ReportAsync(Training(20m));
        await HoldsAsync(contract);
    }

    /// <summary>
    /// The daemon folds a stream longer than its page (500 events) in more than one page: from the second on it starts from the
    /// document it stored, which with the switch on it folds apart, reading the report documents (these stay: only the
    /// contracts' fold is rebuilt) in the daemon's session. The stream is made of appends of many report events each.
    /// </summary>
    [Fact]
    public async Task The_daemons_rebuild_of_a_contract_longer_than_its_page_with_the_switch_on_is_a_fresh_fold()
    {
        var contract = await ContractAsync(api);
        var stream = Stream(contract);
        var made = await ReportedEventAsync(stream, Id(await contract.ReportAsync(Training(10m))));
        for (var round = 0; round < 8; round++)
        {
            var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
            var events = new List<IContractEvent>();
            events.AddRange(ids.Select(id => made with { FulfilmentId = id, Replaces = null }));
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
                events.AddRange((i % 4) switch
                {
                    0 => [new FulfilmentAccepted(id, Today, null)],
                    1 => [new FulfilmentRejected(id, Today, "Geen bewijs")],
                    2 => [new FulfilmentAccepted(id, Today, null), made with { FulfilmentId = Guid.NewGuid(), Replaces = id }],
                    _ => (IContractEvent[])[],
                });
            await AppendAsync(stream, [.. events]);
        }
        await HoldsAsync(contract);

        using (var daemon = await Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<ContractFold>(TimeSpan.FromMinutes(3), CancellationToken.None);
        (await DocumentDiscrepanciesAsync()).Should().BeEmpty("the daemon's fold of every contract is the fresh fold");
        (await StateAsync(contract))["reportsApart"]!.GetValue<bool>().Should().BeTrue("its last page was folded from the stored document, apart");
        await contract.ReportAsync(Training(20m));
        await HoldsAsync(contract);
    }
}
