using System.Net;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Session 44's attack on the rebuild's in-memory fold and its write-where-different (CandidateRowsWrite,
/// CandidateDocumentsUpsert): read models damaged by hand, then <c>POST /api/v1/admin/projections/rebuild</c>, which must
/// answer 200 and leave every read table exactly as a fold of the events makes it (what it was before the damage). On a
/// database of its own: it damages read tables.
/// </summary>
public class RebuildRepairsDamageTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    /// <summary>A candidate with a trede change, a benefit end and two placements (one ended, hours 31.50: a numeric with scale 2).</summary>
    private async Task<string> CandidateAsync()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync(Registration());
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var first = await wsp.PlaceAsync(number, Placement(startedOn: "2021-03-01", hours: 31.50m));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{first}/end",
            new System.Text.Json.Nodes.JsonObject { ["endedOn"] = "2021-09-30", ["reason"] = "Einde" })).ShouldBeAsync(HttpStatusCode.OK);
        await wsp.PlaceAsync(number, Placement(startedOn: "2021-10-01", hours: 32.0m));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2021-10-01"))).ShouldBeAsync(HttpStatusCode.OK);
        // A rebuild first: an earlier test's damage (forgotten rows) made again, so what follows starts from right read models.
        await (await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
        return number;
    }

    private async Task RebuildRepairsAsync(string damage)
    {
        var number = await CandidateAsync();
        var tables = await ReadModels.TablesAsync(api.DataSource);
        var right = await ReadModels.RowsAsync(api.DataSource, tables);

        var damaged = await api.DataSource.ExecuteAsync(damage.Replace("{number}", number, StringComparison.Ordinal));
        damaged.Should().BeGreaterThan(0, "the damage changed rows");
        (await ReadModels.RowsAsync(api.DataSource, tables)).Should().NotBeEquivalentTo(right, "the read models were damaged");

        try
        {
            await (await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
            await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, right, tables);
        }
        finally
        {
            // Whatever the answer, the damage goes, so the next test's rebuild starts from read models it can read.
            await ForgetRowsAsync(number);
        }
    }

    /// <summary>Every report row and the document of the candidate gone: the next rebuild makes them again.</summary>
    private async Task ForgetRowsAsync(string number)
    {
        foreach (var table in Sroi.Ledger.Api.Candidates.CandidateReportTables.Tables.Where(t => t != Sroi.Ledger.Api.Candidates.CandidateReportTables.CaseloadTable))
            await api.DataSource.ExecuteAsync($"DELETE FROM {table} WHERE candidate_number = $1", number);
        await api.DataSource.ExecuteAsync("DELETE FROM mt_doc_candidatedocument WHERE id LIKE '%-' || $1", number);
    }

    /// <summary>
    /// A value PostgreSQL holds but .NET's type for the column cannot (a numeric NaN, a date after 9999, a timestamp after
    /// 9999) is a difference like any other: the rows are written again. Found by session 44's attack: the batch's read of the
    /// rows it compares (CandidateRowsWrite.ReadAsync, ReportTable.Read) threw an InvalidCastException, no PostgresException,
    /// so the rebuild answered the server's 500 and repaired nothing, where the replay it replaced deleted the rows unread.
    /// </summary>
    [Theory]
    [InlineData("UPDATE placements SET hours_per_week = 'NaN' WHERE candidate_number = '{number}' AND recorded_until = 'infinity'")]
    [InlineData("UPDATE candidate_treden SET valid_until = '10000-01-01' WHERE candidate_number = '{number}' AND valid_until IS NULL")]
    [InlineData("UPDATE candidate_status_spells SET recorded_until = '20000-01-01 00:00+00' WHERE candidate_number = '{number}' AND recorded_until = 'infinity'")]
    public async Task A_value_dotnet_cannot_hold_in_a_report_row_is_repaired_like_any_other(string damage) =>
        await RebuildRepairsAsync(damage);

    /// <summary>Held: damage of every kind the multiset comparison must see is repaired to what the events make.</summary>
    [Theory]
    // A numeric's scale: 32 where the event says 32.0 (a report prints it).
    [InlineData("UPDATE placements SET hours_per_week = 32 WHERE candidate_number = '{number}' AND hours_per_week = 32.0")]
    // A NULL where the fold has a value, and a value where it has NULL.
    [InlineData("UPDATE placements SET employer_kvk = NULL WHERE candidate_number = '{number}'")]
    [InlineData("UPDATE candidates SET benefit_end_reason = 'other', benefit_ended_on = NULL WHERE candidate_number = '{number}' AND recorded_until = 'infinity'")]
    // A current row closed (recorded_until not infinity), and a closed one opened again under another recorded_from.
    [InlineData("UPDATE candidate_status_spells SET recorded_until = recorded_from + interval '1 microsecond' WHERE candidate_number = '{number}' AND recorded_until = 'infinity'")]
    [InlineData("UPDATE placement_spells SET recorded_from = recorded_from - interval '1 microsecond' WHERE candidate_number = '{number}'")]
    // An extra closed version, and a duplicated one (the same row but its recorded_from a microsecond earlier).
    [InlineData("""
        INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, benefit_since, benefit_ended_on, benefit_end_reason, recorded_from, recorded_until)
        SELECT municipality, candidate_number, registered_on, target_group, benefit_since, benefit_ended_on, benefit_end_reason, recorded_from - interval '1 day', recorded_from
        FROM candidates WHERE candidate_number = '{number}' AND recorded_until = 'infinity'
        """)]
    [InlineData("""
        INSERT INTO candidate_treden (municipality, candidate_number, seq, trede, from_trede, valid_from, valid_until, recorded_from, recorded_until)
        SELECT municipality, candidate_number, seq, trede, from_trede, valid_from, valid_until, recorded_from - interval '1 microsecond', recorded_until
        FROM candidate_treden WHERE candidate_number = '{number}' AND recorded_until <> 'infinity'
        """)]
    // The candidate's rows copied to another municipality, where it has no stream: strays, removed.
    [InlineData("""
        INSERT INTO candidate_status_spells (municipality, candidate_number, valid_from, valid_until, trede, served, benefit_act, registered_on, target_group,
                                             benefit_since, benefit_ended_on, recorded_from, recorded_until)
        SELECT 'GM0599', candidate_number, valid_from, valid_until, trede, served, benefit_act, registered_on, target_group, benefit_since, benefit_ended_on,
               recorded_from, recorded_until
        FROM candidate_status_spells WHERE candidate_number = '{number}'
        """)]
    // Every row of the candidate gone (a stream with no rows), and its document.
    [InlineData("""
        DELETE FROM candidates WHERE candidate_number = '{number}'; DELETE FROM candidate_treden WHERE candidate_number = '{number}';
        DELETE FROM placements WHERE candidate_number = '{number}'; DELETE FROM candidate_benefit_acts WHERE candidate_number = '{number}';
        DELETE FROM candidate_wsp_service WHERE candidate_number = '{number}'; DELETE FROM placement_spells WHERE candidate_number = '{number}';
        DELETE FROM candidate_status_spells WHERE candidate_number = '{number}'; DELETE FROM mt_doc_candidatedocument WHERE id LIKE '%-{number}'
        """)]
    // Two rows of one table swapped between two versions' intervals (same multiset of values, wrong intervals).
    [InlineData("""
        UPDATE candidate_treden t SET trede = CASE WHEN t.trede = 2 THEN 4 ELSE 2 END WHERE candidate_number = '{number}' AND seq IN (1, 2)
        """)]
    public async Task Held_damage_the_multiset_comparison_must_see_is_repaired(string damage) => await RebuildRepairsAsync(damage);

    /// <summary>
    /// A candidate document whose numbers differ from the fold's only in scale is written again. Found by session 44's attack:
    /// the documents were compared as jsonb values (CandidateDocumentsUpsert's <c>IS DISTINCT FROM</c>), and jsonb's equality
    /// is numeric: a document holding <c>31.5</c> where the events say <c>31.50</c> equalled it and was left, while the API
    /// prints the hours as the document has them.
    /// </summary>
    [Fact]
    public async Task A_candidate_document_whose_numbers_differ_only_in_scale_is_written_again()
    {
        var number = await CandidateAsync();
        var wsp = await api.ClientAsync("wsp");
        var shown = await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK);
        shown.ToJsonString().Should().Contain("31.50", "the API prints the hours as the event has them");
        var tables = await ReadModels.TablesAsync(api.DataSource);
        var right = await ReadModels.RowsAsync(api.DataSource, tables);

        (await api.DataSource.ExecuteAsync($"UPDATE mt_doc_candidatedocument SET data = replace(data::text, '31.50', '31.5')::jsonb WHERE id LIKE '%-{number}'"))
            .Should().Be(1);

        try
        {
            await (await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
            (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK)).ToJsonString()
                .Should().Contain("31.50", "the rebuilt document is the fold's, which prints the hours as the event has them");
            await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, right, tables);
        }
        finally
        {
            await ForgetRowsAsync(number);
        }
    }
}
