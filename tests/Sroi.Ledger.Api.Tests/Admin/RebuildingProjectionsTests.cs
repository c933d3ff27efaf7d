using Sroi.Ledger.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Tests.BuildingBlocks;
using Sroi.Ledger.Api.Tests.CommandLine;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Every read model is a pure function of the event log: folded again from the events, every document and every read
/// table is what it was, row for row, whether the rebuild ran through the endpoint or the command line (issue 17: a
/// social-procurement report made the rebuild fail on <c>fulfilment_invoices_pkey</c>, a table no test compared).
/// </summary>
[Collection(ApiCollection.Name)]
public class RebuildingProjectionsTests(LedgerApi api)
{
    [Fact]
    public async Task A_rebuild_by_endpoint_and_by_command_line_folds_every_event_type_into_exactly_the_same_documents_and_tables()
    {
        var start = await ScalarAsync<long>("SELECT coalesce(max(seq_id), 0) FROM mt_events");
        var (contract, settled, invoice) = await RecordEveryEventTypeAsync();
        await AppendWholeHistoryAtOnceAsync();

        var recorded = await RowsAsync($"SELECT DISTINCT type FROM mt_events WHERE seq_id > {start}");
        recorded.Should().BeEquivalentTo(LedgerEventTypes.All.Select(t => t.Name), "the history holds every event type the ledger registers");

        var tables = await ReadTablesAsync();
        tables.Should().Contain(["fulfilment_invoices", "candidates", "candidate_treden", "placements", "mt_doc_contract",
            "mt_doc_candidatedocument", "mt_doc_sroipolicydocument", "mt_doc_buildingblocktabledocument", "mt_doc_ambitionsdocument",
            "programme_enrolments", "programme_outcomes", "school_leavers", "candidate_day_activities", "mt_doc_programmedocument"]);
        var before = await ReadModelsAsync(tables);
        foreach (var table in tables)
            before[table].Should().NotBeEmpty($"the history fills {table}, so its rebuild is put to the test (read tables: {string.Join(", ", tables)})");
        before["fulfilment_invoices"].Should().Contain(row => row.Contains(invoice.ToUpperInvariant()), "the social-procurement reports hold their invoices (upper case)");

        var balance = (await contract.BalanceAsync()).ToJsonString();

        // Today's caseload count keeps no row of 0 (Schema/131): it is the same whichever way the events were cut into appends.
        (await ScalarAsync<long>("SELECT count(*) FROM caseload_changes WHERE change = 0")).Should().Be(0);

        // Rows the log does not explain go, rows it explains come back: among them a candidate without a stream (its rows
        // made by hand, a status piece whose share the caseload never counted) and a caseload row of 0.
        await ExecuteAsync($"""
            INSERT INTO fulfilment_invoices (supplier_kvk, invoice_number, fulfilment_id) VALUES ('11111111', 'STRAY', gen_random_uuid());
            DELETE FROM mt_doc_contract WHERE id = '{contract.Id}';
            DELETE FROM candidate_treden;
            INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, recorded_from)
            SELECT municipality, 'STRAY', registered_on, target_group, recorded_from FROM candidates LIMIT 1;
            INSERT INTO candidate_status_spells (municipality, candidate_number, valid_from, valid_until, trede, served, benefit_act,
                                                 registered_on, target_group, benefit_since, benefit_ended_on, recorded_from)
            SELECT municipality, 'STRAY', valid_from, valid_until, trede, served, benefit_act, registered_on, target_group, benefit_since,
                   benefit_ended_on, recorded_from
            FROM candidate_status_spells WHERE recorded_until = 'infinity' AND served LIMIT 1;
            INSERT INTO caseload_changes (municipality, day, trede, with_benefit, change) VALUES ('GM0001', '2001-01-01', 1, false, 0);
            """);

        // The candidate documents' write stamps too, which the comparison leaves out: the rebuild writes a batch's documents
        // by one statement of its own (CandidateDocumentsUpsert), not by Marten's upsert, and must stamp them as Marten does.
        const string candidateStamps = "SELECT tenant_id || ' ' || id || ' ' || mt_version || ' ' || mt_dotnet_type FROM mt_doc_candidatedocument";
        var stampsBefore = await RowsAsync(candidateStamps);
        stampsBefore.Should().NotBeEmpty();

        var answer = await (await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
        (await RowsAsync(candidateStamps)).Should().BeEquivalentTo(stampsBefore, "each candidate's document carries its stream's version and type as Marten's own write does");
        answer["projections"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())
            .Should().BeEquivalentTo("SroiPolicyDocument", "BuildingBlockTableDocument", "AmbitionsDocument", "ProgrammeDocument", "PsoCertificatesDocument", "CandidateDocument",
                "Sroi.Ledger.Api.Candidates.CandidateReportTables", "ContractDocument", "Sroi.Ledger.Api.Fulfilments.InvoiceClaims");
        await ShouldBeAsBeforeAsync(before, tables);

        await ExecuteAsync("INSERT INTO fulfilment_invoices (supplier_kvk, invoice_number, fulfilment_id) VALUES ('11111111', 'STRAY', gen_random_uuid())");
        var run = await LedgerProcess.RunAsync(api, TimeSpan.FromMinutes(5), "projections", "rebuild");
        run.ExitCode.Should().Be(0, run.ToString());
        await ShouldBeAsBeforeAsync(before, tables);

        // The API answers from the rebuilt read models as it did.
        (await settled.BalanceAsync())["status"]!.GetValue<string>().Should().Be("settled");
        (await contract.BalanceAsync()).ToJsonString().Should().Be(balance);
    }

    [Fact]
    public async Task Only_an_admin_rebuilds()
    {
        var auditor = await api.ClientAsync("auditor");
        await (await auditor.PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>Waits until the contract's stream is at <paramref name="version"/> (its PSO terms are appended after the certificate's commit).</summary>
    private async Task ContractVersionAsync(string contractId, string municipality, long version)
    {
        var auditor = await api.ClientAsync("auditor", municipality);
        await Sroi.Ledger.Testing.Eventually.UntilAsync(
            async () => (await (await auditor.GetAsync($"/api/v1/contracts/{contractId}/balance")).ShouldBeAsync(HttpStatusCode.OK))["version"]!.GetValue<long>(),
            v => v == version, $"contract {contractId} is at version {version}");
    }

    /// <summary>
    /// A history with every event type: a fresh municipality's policy, building-block table, ambitions and candidates
    /// (trede change, placements recorded, corrected, ended and withdrawn, a benefit end), and a contract with every kind of
    /// report, reviews both ways, a withdrawal, corrections of a pending and of an accepted report, an amendment, its
    /// completion and settlement on a second contract. Returns both contracts.
    /// </summary>
    private async Task<(ContractUnderReport Reported, ContractUnderReport Settled, string Invoice)> RecordEveryEventTypeAsync()
    {
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        var admin = api.Admin();
        await (await admin.PostJsonAsync("/api/v1/sroi-policies", new JsonObject
        {
            ["municipality"] = municipality, ["effectiveFrom"] = "2024-01-01", ["percentage"] = 4.5, ["description"] = "Beleid 2024",
            ["thresholds"] = new JsonObject { ["werken"] = 200_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
            ["pso"] = new JsonObject { ["reductions"] = new JsonArray(new JsonObject { ["level"] = "trede2", ["percentage"] = 10 }) },
        })).ShouldBeAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/v1/building-block-tables", BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await admin.PutJsonAsync("/api/v1/ambitions/2024", new JsonObject { ["municipality"] = municipality, ["placements"] = 120 }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.PutJsonAsync("/api/v1/ambitions/2025", new JsonObject
            { ["municipality"] = municipality, ["placements"] = 120, ["byKind"] = new JsonObject { ["beschut-werk"] = 15 } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        // A PSO certificate recorded, corrected and withdrawn (issue 21), of a contractor with a contract here: the correction
        // to trede 2 and the withdrawal each bring the contract contract.pso-applied.v1.
        var certified = ContractBodies.UniqueKvk();
        var certifiedContract = (await (await (await api.ClientAsync("inkoop", municipality)).PostJsonAsync("/api/v1/contracts",
            ContractBodies.Registration(300_000m, kvk: certified, awardedOn: "2024-03-01"))).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var pso = $"/api/v1/contractors/{certified}/pso-certificates";
        await (await admin.PostJsonAsync(pso, new JsonObject
            { ["municipality"] = municipality, ["level"] = "trede1", ["validFrom"] = "2024-01-01", ["validTo"] = "2026-12-31" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"{pso}/1/correction", new JsonObject
            { ["municipality"] = municipality, ["level"] = "trede2", ["validFrom"] = "2024-01-01", ["validTo"] = "2026-12-31", ["reason"] = "Trede" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        // Each change's terms land before the next change: a withdrawal read first would leave nothing to apply for the correction.
        await ContractVersionAsync(certifiedContract, municipality, 2);
        await (await admin.PostJsonAsync($"{pso}/1/withdrawal", new JsonObject { ["municipality"] = municipality, ["reason"] = "Ingetrokken" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await ContractVersionAsync(certifiedContract, municipality, 3);

        var wsp = await api.ClientAsync("wsp", municipality);
        var number = await wsp.RegisterAsync(Registration(municipality: municipality));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01")));
        var placement = await wsp.PlaceAsync(number, Placement(hours: 32));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/correction",
            new JsonObject { ["startedOn"] = "2021-04-01", ["reason"] = "Startdatum verkeerd ingevoerd" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/end",
            new JsonObject { ["endedOn"] = "2022-12-31", ["reason"] = "Contract afgelopen" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/end-correction",
            new JsonObject { ["endedOn"] = "2023-01-31", ["reason"] = "Contract een maand verlengd" }));
        var mistake = await wsp.PlaceAsync(number, Placement(startedOn: "2021-05-05"));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{mistake}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-act", new JsonObject { ["benefitAct"] = "ioaw", ["effectiveOn"] = "2021-01-01" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/wsp-service", new JsonObject { ["served"] = false, ["effectiveOn"] = "2021-02-01" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2022-02-01")));
        // Issue 22: a programme registered and amended; an enrolment with an outcome, ended early; a school leaver whose day
        // activity changed.
        await Created(admin.PostJsonAsync("/api/v1/programmes", new JsonObject
        {
            ["municipality"] = municipality, ["code"] = "meedoen-werkt", ["name"] = "Meedoen Werkt", ["startsOn"] = "2022-09-01",
            ["outcomes"] = new JsonArray("first-talk", "activated"),
        }));
        await Ok(admin.PostJsonAsync($"/api/v1/programmes/meedoen-werkt/amendment?municipality={municipality}",
            new JsonObject { ["endsOn"] = "2024-06-30", ["reason"] = "Evaluatieperiode" }));
        var programme = $"/api/v1/candidates/{number}/programmes/meedoen-werkt";
        await Ok(wsp.PostJsonAsync($"{programme}/enrolment", new JsonObject { ["enrolledOn"] = "2022-09-05" }));
        await Ok(wsp.PostJsonAsync($"{programme}/outcomes", new JsonObject { ["outcome"] = "first-talk", ["on"] = "2022-09-05" }));
        // An outcome recorded by mistake and withdrawn (its row closed, none current).
        await Ok(wsp.PostJsonAsync($"{programme}/outcomes", new JsonObject { ["outcome"] = "activated", ["on"] = "2022-09-20" }));
        await Ok(wsp.PostJsonAsync($"{programme}/outcomes/withdrawal",
            new JsonObject { ["outcome"] = "activated", ["on"] = "2022-09-20", ["reason"] = "Per vergissing vastgelegd" }));
        await Ok(wsp.PostJsonAsync($"{programme}/enrolment/end", new JsonObject { ["endedOn"] = "2022-10-01", ["reason"] = "Verhuisd" }));
        var leaver = Registration(municipality: municipality, targetGroup: "young-without-qualification", benefitSince: null);
        leaver["schoolLeaver"] = new JsonObject { ["schoolType"] = "pro", ["schoolYearLeft"] = "2018-2019" };
        var schoolLeaver = await wsp.RegisterAsync(leaver);
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{schoolLeaver}/day-activities", new JsonObject { ["activity"] = "at-school", ["effectiveOn"] = "2020-01-06" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{schoolLeaver}/day-activities", new JsonObject { ["activity"] = "working", ["effectiveOn"] = "2021-01-04" }));

        var contract = await ContractAsync(api);
        // Issue 21: a regional contract of Rijswijk with Den Haag records its participants (its document's participants column).
        var regional = Contracts.ContractBodies.Registration(kvk: Contracts.ContractBodies.UniqueKvk());
        regional["participatingMunicipalities"] = new JsonArray("GM0603", "GM0518");
        await Created((await api.ClientAsync("inkoop")).PostJsonAsync("/api/v1/contracts", regional));
        var employment = await contract.ReportAsync(Employment());
        await contract.ReportAsync(Internship());
        await contract.ReportAsync(Bbl());
        var experience = await contract.ReportAsync(WorkExperience());
        var invoice = UniqueInvoice();
        var purchase = await contract.ReportAsync(SocialProcurement(invoice));
        var otherPurchase = await contract.ReportAsync(SocialProcurement(UniqueInvoice(), amount: 2_000m));
        var training = await contract.ReportAsync(Training());
        await contract.ReportAsync(SocialActivity());
        await contract.AcceptAsync(employment);
        await contract.AcceptAsync(purchase);
        await contract.RejectAsync(training);
        await Ok(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{experience["id"]}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }));
        // A correction of a pending report, and one of an accepted report that the WSP has not reviewed yet.
        await Created(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{otherPurchase["id"]}/correction",
            SocialProcurement(UniqueInvoice(), amount: 2_500m)));
        await Created(contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{purchase["id"]}/correction",
            SocialProcurement(invoice, amount: 11_000m)));
        // Issue 21: a plan of approach sent back, revised and approved (its figures are folded with the contract).
        var plan = new JsonObject { ["lines"] = new JsonArray(
            new JsonObject { ["kind"] = "employment", ["from"] = "2024-04-01", ["to"] = "2024-12-31", ["amount"] = 2 },
            new JsonObject { ["kind"] = "social-procurement", ["from"] = "2024-04-01", ["to"] = "2025-03-31", ["amount"] = 20_000 }) };
        await Ok(contract.Contractor.PutJsonAsync($"{contract.Url}/plan", plan));
        await Ok(contract.Wsp.PostJsonAsync($"{contract.Url}/plan/return", new JsonObject { ["reason"] = "Te weinig plaatsen" }));
        await Ok(contract.Contractor.PutJsonAsync($"{contract.Url}/plan", plan));
        await Ok(contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject()));

        // Settlement waits for every report's review: a second contract is amended, completed and settled.
        var settled = await ContractAsync(api);
        await settled.AcceptAsync(await settled.ReportAsync(Training(800m)));
        await Ok(settled.Inkoop.PostJsonAsync($"{settled.Url}/amendments",
            new JsonObject { ["contractValue"] = 220_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "Meerwerk riolering" }));
        await Ok(settled.Inkoop.PostJsonAsync($"{settled.Url}/completion", new JsonObject { ["completedOn"] = "2025-03-31" }));
        await Created(settled.Wsp.PostJsonAsync($"{settled.Url}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "Coulance" }));
        return (contract, settled, invoice);
    }

    /// <summary>
    /// A candidate's whole history in the append that starts its stream (as a migration from another system would load it):
    /// the rebuild computes its spells and status pieces once for the append (CandidateReportTables.Refold), the inline
    /// projection after each event — with steps that undo each other (out of the WSP's service and back, two placements
    /// in one spell, then one ended), whose rows of 0 in the caseload count each statement deletes.
    /// </summary>
    private async Task AppendWholeHistoryAtOnceAsync()
    {
        var municipality = MunicipalityCode.Parse("GM0603");
        var number = CandidateNumber.Parse($"W-{Random.Shared.Next(1_000_000):D7}");
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var employer = new Employer(KvkNumber.Parse("10000001"), "Werkgever");
        ICandidateEvent[] history =
        [
            new CandidateRegistered(number, municipality, new LocalDate(2019, 3, 4), 2, TargetGroup.Participatiewet, new LocalDate(2018, 1, 1)),
            new BenefitActSet(BenefitAct.Ioaw, new LocalDate(2019, 3, 4)),
            new TredeChanged(2, 4, new LocalDate(2020, 1, 6), "Herbeoordeling"),
            new PlacementRecorded(first, employer, new LocalDate(2020, 2, 3), 24m, false, PlacementKind.Regular, PlacementChannel.Wsp, null),
            new PlacementRecorded(second, employer, new LocalDate(2020, 4, 1), 32m, false, PlacementKind.Regular, PlacementChannel.Wsp, null),
            new WspServiceSet(false, new LocalDate(2020, 6, 1)),
            new PlacementEnded(first, new LocalDate(2020, 5, 31), "Einde"),
            new WspServiceSet(true, new LocalDate(2020, 8, 3)),
            new TredeChanged(4, 5, new LocalDate(2020, 9, 1), "Herbeoordeling"),
            new BenefitEnded(new LocalDate(2020, 10, 1), BenefitEndReason.WorkIncome),
        ];
        await api.Services.GetRequiredService<LedgerEvents>().AppendAsync(new AppendRequest(municipality,
            CandidateEventTypes.StreamOf(municipality, number), 0, [.. history], new EventMetadata("wsp:rebuild-test", "rebuild-test")));
    }

    /// <summary>
    /// The rebuild lists the candidates with report rows but no stream, then removes each one's rows under the lock its stream
    /// would have. A registration of that very candidate in between (the list read, its removal not yet begun) takes the
    /// lock first and writes its rows inline: the removal, coming after it, must find the stream and leave them. Before,
    /// it deleted a registered candidate's rows (and took its share off the caseload) until the next rebuild.
    /// </summary>
    [Fact]
    public async Task A_candidate_registered_after_the_rebuild_listed_it_as_without_a_stream_keeps_its_rows()
    {
        var municipality = MunicipalityCode.Parse("GM0603");
        var number = CandidateNumber.Parse($"S-{Random.Shared.Next(1_000_000):D7}");
        await api.Services.GetRequiredService<LedgerEvents>().AppendAsync(new AppendRequest(municipality,
            CandidateEventTypes.StreamOf(municipality, number), 0,
            [new CandidateRegistered(number, municipality, new LocalDate(2024, 3, 4), 2, TargetGroup.Participatiewet, new LocalDate(2018, 1, 1))],
            new EventMetadata("wsp:rebuild-test", "rebuild-test")));
        var rows = $"""
            SELECT (SELECT count(*) FROM candidates WHERE municipality = 'GM0603' AND candidate_number = '{number}')
                 + (SELECT count(*) FROM candidate_status_spells WHERE municipality = 'GM0603' AND candidate_number = '{number}')
            """;
        var registered = await ScalarAsync<long>(rows);
        registered.Should().BeGreaterThanOrEqualTo(2, "the registration writes the candidate's row and its status piece");

        // The removal the rebuild planned when the candidate had no stream yet.
        await Sroi.Ledger.Api.Admin.RebuildingProjections.StreamRefold.RemoveCandidateAsync(api.DataSource, municipality.Value, number.Value, CancellationToken.None);

        (await ScalarAsync<long>(rows)).Should().Be(registered, "the candidate has a stream now: its rows are its events' own");
    }

    private Task<List<string>> ReadTablesAsync() => ReadModels.TablesAsync(api.DataSource);

    private Task<Dictionary<string, List<string>>> ReadModelsAsync(IEnumerable<string> tables) => ReadModels.RowsAsync(api.DataSource, tables);

    private Task ShouldBeAsBeforeAsync(Dictionary<string, List<string>> before, List<string> tables) =>
        ReadModels.ShouldBeAsBeforeAsync(api.DataSource, before, tables);

    private static async Task Ok(Task<HttpResponseMessage> request) => await (await request).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task Created(Task<HttpResponseMessage> request) => await (await request).ShouldBeAsync(HttpStatusCode.Created);

    private async Task<List<string>> RowsAsync(string sql)
    {
        var rows = new List<string>();
        await using var command = api.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private Task<T> ScalarAsync<T>(string sql) => api.DataSource.ScalarAsync<T>(sql);

    private Task ExecuteAsync(string sql) => api.DataSource.ExecuteAsync(sql);
}
