using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// A school leaver is counted from the later of its registration and 1 August of the school year it left in
/// (SchoolLeaver.CountedFrom, issue 22's hostile run: one registered in 2017 that left in 2020-2021 was counted on 2018),
/// through the API, and Schema/121's back-fill of the rows an earlier release wrote.
/// </summary>
[Collection(ApiCollection.Name)]
public class SchoolLeaverCountedFromTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9231";

    [Fact]
    public async Task A_school_leaver_registered_before_the_school_year_it_left_in_counts_from_that_school_year()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var early = UniqueNumber();
        var registration = Registration(early, "2017-03-01", trede: 3, targetGroup: "young-without-qualification", benefitSince: null, municipality: Municipality);
        registration["schoolLeaver"] = new JsonObject { ["schoolType"] = "vso", ["schoolYearLeft"] = "2020-2021" };
        await wsp.RegisterAsync(registration);
        var during = UniqueNumber();
        registration = Registration(during, "2018-01-15", trede: 3, targetGroup: "young-without-qualification", benefitSince: null, municipality: Municipality);
        registration["schoolLeaver"] = new JsonObject { ["schoolType"] = "pro", ["schoolYearLeft"] = "2017-2018" };
        await wsp.RegisterAsync(registration);

        async Task<(long Total, long Early, long During)> CountedOn(string asOf)
        {
            var report = await (await wsp.GetAsync($"/api/v1/reports/school-leavers?asOf={asOf}")).ShouldBeAsync(HttpStatusCode.OK);
            long Of(string year) => report["bySchoolYear"]!.AsArray().SingleOrDefault(y => y!["schoolYear"]!.GetValue<string>() == year)?["total"]!.GetValue<long>() ?? 0;
            return (report.Long("total"), Of("2020-2021"), Of("2017-2018"));
        }

        (await CountedOn("2018-01-14")).Should().Be((0L, 0L, 0L), "neither is registered yet as a school leaver of a begun school year");
        (await CountedOn("2018-06-30")).Should().Be((1L, 0L, 1L), "the one registered in 2017 leaves school only in 2020-2021");
        (await CountedOn("2020-07-31")).Should().Be((1L, 0L, 1L));
        (await CountedOn("2020-08-01")).Should().Be((2L, 1L, 1L), "from 1 August 2020, the start of the school year it left in");
    }

    [Fact]
    public async Task Schema_121_fills_counted_from_on_the_rows_an_earlier_release_wrote()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("schema121");
        try
        {
            await using var db = LedgerDataSource.Create(connectionString);
            using (var store = LedgerStoreOptions.CreateStore(db))
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            await SchemaMigrations.ApplyUnlessInPlaceAsync(db, typeof(LedgerEvents).Assembly, EventChainSchema.Script, EventChainSchema.InPlace);
            await SchemaMigrations.ApplyAsync(db, "api", typeof(LedgerDatabase).Assembly, upTo: 120);
            // Two candidates as that release wrote them: K-1 registered before the school year it left in (two versions of its
            // candidate row: a later benefit end), K-2 during it.
            await db.ExecuteAsync("""
                INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, recorded_from, recorded_until)
                VALUES ('GM9232', 'K-1', '2017-03-01', 'young-without-qualification', '2017-03-01', '2019-01-01'),
                       ('GM9232', 'K-1', '2017-03-01', 'young-without-qualification', '2019-01-01', 'infinity'),
                       ('GM9232', 'K-2', '2018-01-15', 'young-without-qualification', '2018-01-15', 'infinity');
                INSERT INTO school_leavers (municipality, candidate_number, school_type, school_year_left, recorded_from)
                VALUES ('GM9232', 'K-1', 'vso', '2020-2021', '2017-03-01'), ('GM9232', 'K-2', 'pro', '2017-2018', '2018-01-15');
                """);

            await SchemaMigrations.ApplyAsync(db, "api", typeof(LedgerDatabase).Assembly);

            await using var read = db.CreateCommand("SELECT candidate_number || ' ' || counted_from FROM school_leavers ORDER BY candidate_number");
            var rows = new List<string>();
            await using (var reader = await read.ExecuteReaderAsync())
                while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            rows.Should().Equal("K-1 2020-08-01", "K-2 2018-01-15");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
