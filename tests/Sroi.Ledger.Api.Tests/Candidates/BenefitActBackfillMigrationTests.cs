using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Reports;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>
/// Schema/085 on a database that existed before it: a database migrated up to Schema/080 holds candidates (their report
/// rows, as the release before wrote them), then the upgrade applies 085 and the scripts after it. Each candidate gets the
/// meaning its registration had — benefit act Participatiewet, served by the WSP — from its registration's trede row,
/// recorded when the registration was (its first version), so the reports as known on any earlier instant agree; a second
/// run adds nothing.
/// </summary>
public class BenefitActBackfillMigrationTests : IAsyncLifetime
{
    private string connectionString = "";
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("schema085");
        db = LedgerDataSource.Create(connectionString);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    [Fact]
    public async Task Candidates_recorded_before_085_get_participatiewet_and_the_wsp_from_their_registration_as_recorded_then()
    {
        // As PrepareAsync starts a database, but the service's scripts only up to 080: the release before 085.
        using (var store = LedgerStoreOptions.CreateStore(db))
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        await SchemaMigrations.ApplyUnlessInPlaceAsync(db, typeof(LedgerEvents).Assembly, EventChainSchema.Script, EventChainSchema.InPlace);
        await SchemaMigrations.ApplyAsync(db, "api", typeof(LedgerDatabase).Assembly, upTo: 80);
        (await db.ScalarAsync<bool>("SELECT to_regclass('candidate_benefit_acts') IS NULL")).Should().Be(true, "the database is as it was before 085");

        // Rows as that release wrote them. K-1 was registered in trede 2 and changed to 3 (its registration row has a
        // second version, closed by the change); K-2 only registered; K-3 in another municipality.
        await db.ExecuteAsync("""
            INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, benefit_since, recorded_from) VALUES
                ('GM9725', 'K-1', '2020-01-06', 'participatiewet', '2019-11-01', '2020-01-06T09:00:00Z'),
                ('GM9725', 'K-2', '2019-05-01', 'participatiewet', '2019-03-01', '2019-05-02T10:00:00Z'),
                ('GM9726', 'K-3', '2021-02-01', 'no-benefit', NULL, '2021-02-01T08:00:00Z');
            INSERT INTO candidate_treden (municipality, candidate_number, seq, trede, from_trede, valid_from, valid_until, recorded_from, recorded_until) VALUES
                ('GM9725', 'K-1', 1, 2, NULL, '2020-01-06', NULL, '2020-01-06T09:00:00Z', '2021-01-02T12:00:00Z'),
                ('GM9725', 'K-1', 1, 2, NULL, '2020-01-06', '2021-01-01', '2021-01-02T12:00:00Z', 'infinity'),
                ('GM9725', 'K-1', 2, 3, 2, '2021-01-01', NULL, '2021-01-02T12:00:00Z', 'infinity'),
                ('GM9725', 'K-2', 1, 4, NULL, '2019-05-01', NULL, '2019-05-02T10:00:00Z', 'infinity'),
                ('GM9726', 'K-3', 1, 1, NULL, '2021-02-01', NULL, '2021-02-01T08:00:00Z', 'infinity');
            """);

        // The upgrade: every script after 080, as the service's start-up applies them.
        await SchemaMigrations.ApplyAsync(db, "api", typeof(LedgerDatabase).Assembly);

        string[] expected =
        [
            "GM9725 K-1 1 Participatiewet 2020-01-06 - 2020-01-06T09:00:00Z infinity",
            "GM9725 K-2 1 Participatiewet 2019-05-01 - 2019-05-02T10:00:00Z infinity",
            "GM9726 K-3 1 Participatiewet 2021-02-01 - 2021-02-01T08:00:00Z infinity",
        ];
        (await RowsAsync("candidate_benefit_acts", "benefit_act")).Should().Equal(expected);
        (await RowsAsync("candidate_wsp_service", "served")).Should().Equal(expected.Select(r => r.Replace("Participatiewet", "True")));

        // The reports read the back-filled rows: both GM9725 candidates are the WSP's caseload on 30 June 2021, and were as
        // known on 1 June 2019 only K-2 (K-1 was not recorded yet).
        var caseload = await CaseloadReportQuery.QueryAsync(db, MunicipalityCode.Parse("GM9725"), new LocalDate(2021, 6, 30), RecordedRows.Current, default);
        (caseload.Total, caseload.WithBenefit.Count).Should().Be((2L, 2L));
        var then = await CaseloadReportQuery.QueryAsync(db, MunicipalityCode.Parse("GM9725"), new LocalDate(2019, 5, 31),
            new RecordedRows(Instant.FromUtc(2019, 6, 1, 0, 0)), default);
        then.Total.Should().Be(1);

        // Run again (the script is written to be harmless twice): nothing added.
        await db.ExecuteAsync(await SchemaMigrations.ReadEmbeddedAsync(typeof(LedgerDatabase).Assembly, "085_benefit_acts_and_wsp_service.sql"));
        (await RowsAsync("candidate_benefit_acts", "benefit_act")).Should().Equal(expected);
        (await RowsAsync("candidate_wsp_service", "served")).Should().Equal(expected.Select(r => r.Replace("Participatiewet", "True")));
    }

    /// <summary>Each row as one line: municipality, candidate, seq, value, valid from, until ("-": open), recorded from, until (UTC).</summary>
    private async Task<List<string>> RowsAsync(string table, string value)
    {
        static string At(string column) =>
            $"CASE WHEN {column} = 'infinity' THEN 'infinity' ELSE to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END";
        await using var command = db.CreateCommand($"""
            SELECT concat_ws(' ', municipality, candidate_number, seq, initcap({value}::text), valid_from, coalesce(valid_until::text, '-'),
                             {At("recorded_from")}, {At("recorded_until")})
            FROM {table} ORDER BY municipality, candidate_number, seq, recorded_from
            """);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
