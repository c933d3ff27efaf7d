using NodaTime;
using Sroi.Ledger.Api.People;

namespace Sroi.Ledger.Api.Tests.People;

/// <summary>The display line of a history's actor, without a database.</summary>
public class ActorDisplayTests
{
    private const string PersonActor = "person:AbCdEfGhIjKlMnOpQrStUv";

    private static Person Known(string? name, string? role = "wsp", string? organisation = "GM0603") =>
        new(PersonActor, name, name is null ? null : "m.devries@rijswijk.nl", role, organisation,
            Instant.FromUtc(2026, 1, 5, 8, 0), Instant.FromUtc(2026, 1, 5, 8, 0), name is null ? Instant.FromUtc(2026, 2, 1, 0, 0) : null);

    [Theory]
    [InlineData("wsp", "GM0603", "M. de Vries (WSP Rijswijk)")]
    [InlineData("inkoop", "GM0518", "M. de Vries (Inkoop Den Haag)")]
    [InlineData("auditor", "GM1916", "M. de Vries (Auditor Leidschendam-Voorburg)")]
    [InlineData("opdrachtnemer", "KvK 12345678", "M. de Vries (KvK 12345678)")]
    [InlineData("admin", null, "M. de Vries (Beheer)")]
    [InlineData("wsp", "GM9999", "M. de Vries (WSP GM9999)")]
    public void A_person_the_directory_knows_is_named_with_role_and_organisation_in_words(string role, string? organisation, string line) =>
        ActorDisplay.Line(PersonActor, role, organisation, Known("M. de Vries")).Should().Be(line);

    [Fact]
    public void A_key_is_an_api_key_with_its_role_and_municipality()
    {
        ActorDisplay.Line("wsp:01a24509-b502-4c7e-9f00-000000000001", "wsp", "GM0603", null).Should().Be("API-sleutel (WSP Rijswijk)");
        ActorDisplay.Line("inkoop:01a24509-b502-4c7e-9f00-000000000001", "inkoop", "GM0546", null).Should().Be("API-sleutel (Inkoop Leiden)");
        ActorDisplay.Line("admin:admin", "admin", null, null).Should().Be("API-sleutel (Beheer)");
    }

    [Fact]
    public void An_event_from_before_the_headers_takes_a_keys_role_from_its_actor_id_and_a_persons_from_the_directory()
    {
        ActorDisplay.Line("inkoop:01a24509-b502-4c7e-9f00-000000000001", null, null, null).Should().Be("API-sleutel (Inkoop)");
        ActorDisplay.Line(PersonActor, null, null, Known("M. de Vries", "auditor", "GM0629")).Should().Be("M. de Vries (Auditor Wassenaar)");
        // The event's own record wins over what the directory saw last.
        ActorDisplay.Line(PersonActor, "wsp", "GM0603", Known("M. de Vries", "auditor", "GM0629")).Should().Be("M. de Vries (WSP Rijswijk)");
    }

    [Fact]
    public void An_erased_or_unknown_person_keeps_the_role_and_organisation_without_a_name()
    {
        ActorDisplay.Line(PersonActor, "wsp", "GM0603", Known(null)).Should().Be("Persoon (WSP Rijswijk)");
        ActorDisplay.Line(PersonActor, "wsp", "GM0603", null).Should().Be("Persoon (WSP Rijswijk)");
        ActorDisplay.Line("system:default-policy", null, null, null).Should().Be("Systeem");
    }

    [Fact]
    public void The_shipped_table_names_every_member_of_haaglanden_and_holland_rijnland()
    {
        var expected = new Dictionary<string, string>
        {
            ["GM0518"] = "Den Haag", ["GM0503"] = "Delft", ["GM1916"] = "Leidschendam-Voorburg", ["GM1842"] = "Midden-Delfland",
            ["GM1926"] = "Pijnacker-Nootdorp", ["GM0603"] = "Rijswijk", ["GM0629"] = "Wassenaar", ["GM1783"] = "Westland",
            ["GM0637"] = "Zoetermeer", ["GM0484"] = "Alphen aan den Rijn", ["GM0534"] = "Hillegom", ["GM1884"] = "Kaag en Braassem",
            ["GM0537"] = "Katwijk", ["GM0546"] = "Leiden", ["GM0547"] = "Leiderdorp", ["GM0553"] = "Lisse", ["GM0569"] = "Nieuwkoop",
            ["GM0575"] = "Noordwijk", ["GM0579"] = "Oegstgeest", ["GM1525"] = "Teylingen", ["GM0626"] = "Voorschoten",
            ["GM0638"] = "Zoeterwoude",
        };
        MunicipalityNames.All.Should().Contain(expected);
        MunicipalityNames.Of("GM0363").Should().Be("Amsterdam");
        MunicipalityNames.Of("GM9999").Should().Be("GM9999", "a code the table does not list is shown as the code");
    }

    [Fact]
    public void The_shipped_table_holds_the_342_municipalities_of_cbs_2025_once_each()
    {
        MunicipalityNames.List.Should().HaveCount(342);
        MunicipalityNames.List.Select(m => m.Code).Should().OnlyHaveUniqueItems().And.OnlyContain(code => System.Text.RegularExpressions.Regex.IsMatch(code, "^GM[0-9]{4}$"))
            .And.BeInAscendingOrder(StringComparer.Ordinal);
        MunicipalityNames.List.Should().OnlyContain(m => !string.IsNullOrWhiteSpace(m.Name));
        // The newest of 2025's municipalities, and CBS's names where two municipalities would share one.
        MunicipalityNames.Of("GM1992").Should().Be("Voorne aan Zee");
        MunicipalityNames.Of("GM1982").Should().Be("Land van Cuijk");
        MunicipalityNames.Of("GM0373").Should().Be("Bergen (NH.)");
        MunicipalityNames.Of("GM0893").Should().Be("Bergen (L.)");
        MunicipalityNames.Of("GM0014").Should().Be("Groningen");
    }

    [Fact]
    public void The_throttle_writes_a_sign_ins_first_request_then_once_per_five_minutes()
    {
        var throttle = new SignInThrottle();
        var signIn = Instant.FromUtc(2026, 3, 2, 9, 0);
        var now = signIn + Duration.FromSeconds(3);

        throttle.ShouldWrite(PersonActor, signIn, now).Should().BeTrue("the first request of a sign-in");
        throttle.ShouldWrite(PersonActor, signIn, now + Duration.FromSeconds(1)).Should().BeFalse();
        throttle.ShouldWrite(PersonActor, signIn, now + Duration.FromMinutes(5) - Duration.FromSeconds(1)).Should().BeFalse();
        throttle.ShouldWrite(PersonActor, signIn, now + Duration.FromMinutes(5)).Should().BeTrue("five minutes after the last write");
        throttle.ShouldWrite(PersonActor, signIn, now + Duration.FromMinutes(6)).Should().BeFalse();
        var again = signIn + Duration.FromMinutes(7);
        throttle.ShouldWrite(PersonActor, again, again).Should().BeTrue("a new sign-in writes at once");
        throttle.ShouldWrite("person:ZyXwVuTsRqPoNmLkJiHgFe", again, again).Should().BeTrue("another person has a throttle of their own");
    }

    [Fact]
    public void The_throttle_forgets_people_who_were_not_seen_for_five_minutes()
    {
        var throttle = new SignInThrottle();
        var start = Instant.FromUtc(2026, 3, 2, 9, 0);
        for (var i = 0; i < 1_000; i++)
            throttle.ShouldWrite($"person:{i:D22}", start, start + Duration.FromMilliseconds(i));
        throttle.Count.Should().Be(1_000);

        var later = start + Duration.FromMinutes(10);
        throttle.ShouldWrite(PersonActor, later, later).Should().BeTrue();
        throttle.Count.Should().Be(1, "entries older than the interval decide nothing and are swept when a new person arrives");
        throttle.ShouldWrite($"person:{0:D22}", start, later + Duration.FromSeconds(1)).Should().BeTrue(
            "a swept person's next request writes, as it would have anyway after five minutes");
    }
}
