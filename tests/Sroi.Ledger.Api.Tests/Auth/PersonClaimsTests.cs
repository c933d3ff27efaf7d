using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// A validated token's claims onto the claims contract: one ledger role with what it needs, the municipality (fixed per
/// issuer or from the token), the KvK number, the pseudonymous actor; anything else leaves the person without a role.
/// </summary>
public class PersonClaimsTests
{
    private const string Iss = "https://id.rijswijk.nl/realms/sroi";
    private static readonly OidcIssuer Issuer = new(0, new Uri(Iss), "sroi-ledger", "roles", "municipality", "kvk", null);

    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(new[] { ("iss", Iss), ("sub", "f3a9c2e0-7d1b-4c55-9a0e-1b2c3d4e5f60") }.Concat(claims)
            .Select(c => new Claim(c.Item1, c.Item2)), "AuthenticationTypes.Federation"));

    /// <summary>The actor as the contract defines it, computed here on its own.</summary>
    private static string ExpectedActor(string issuer, string subject) =>
        "person:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{subject}")))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=')[..22];

    private static Caller? Map(ClaimsPrincipal token, OidcIssuer? issuer = null)
    {
        var (principal, failure) = PersonClaims.Map(issuer ?? Issuer, token);
        failure.Should().BeNull();
        principal!.Identity!.IsAuthenticated.Should().BeTrue();
        principal.FindFirst(Caller.ActorClaim)!.Value.Should().Be(ExpectedActor(Iss, "f3a9c2e0-7d1b-4c55-9a0e-1b2c3d4e5f60"));
        principal.FindFirst(Caller.KeyIdClaim).Should().BeNull("a person has no key id");
        return Caller.Find(principal);
    }

    [Fact]
    public void A_WSP_official_is_a_person_in_their_municipality_with_a_pseudonymous_actor()
    {
        var caller = Map(Token(("roles", "wsp"), ("municipality", "GM0603"), ("name", "M. de Vries"), ("email", "m.devries@rijswijk.nl")))!;

        caller.Should().Be(new Caller(null, Role.Wsp, MunicipalityCode.Parse("GM0603"), null)
        {
            Person = ExpectedActor(Iss, "f3a9c2e0-7d1b-4c55-9a0e-1b2c3d4e5f60"), Name = "M. de Vries", Email = "m.devries@rijswijk.nl",
        });
        caller.Actor.Should().MatchRegex("^person:[A-Za-z0-9_-]{22}$").And.NotContain("Vries");
        caller.KeyId.Should().BeNull();
        var principal = caller.ToPrincipal();
        principal.Claims.Select(c => (c.Type, c.Value)).Should().Equal(
            ("sroi:actor", caller.Actor), ("roles", "wsp"), ("municipality", "GM0603"), ("name", "M. de Vries"), ("email", "m.devries@rijswijk.nl"));
        principal.IsInRole("wsp").Should().BeTrue();
        principal.Identity!.Name.Should().Be("M. de Vries");
    }

    [Fact]
    public void The_actor_is_stable_per_issuer_and_subject_and_differs_between_issuers()
    {
        Caller.PersonActor(Iss, "alice").Should().Be(Caller.PersonActor(Iss, "alice")).And.Be(ExpectedActor(Iss, "alice"));
        Caller.PersonActor(Iss, "alice").Should().NotBe(Caller.PersonActor("https://broker.example", "alice"));
        Caller.PersonActor(Iss, "alice").Should().NotBe(Caller.PersonActor(Iss, "bob"));
    }

    [Fact]
    public void A_person_rebuilt_from_the_claims_of_a_copied_principal_is_the_same_caller()
    {
        var caller = Map(Token(("roles", "opdrachtnemer"), ("kvk", "12345678"), ("name", "J. Jansen")))!;
        var copy = new ClaimsPrincipal(caller.ToPrincipal().Identities.Select(i => i.Clone()));

        Caller.Find(copy).Should().Be(caller);
        Caller.ActorOf(copy).Should().Be(caller.Actor);
    }

    [Fact]
    public void The_issuers_fixed_municipality_wins_over_the_tokens_claim()
    {
        var fixedToRijswijk = Issuer with { FixedMunicipality = MunicipalityCode.Parse("GM0603") };

        Map(Token(("roles", "inkoop")), fixedToRijswijk)!.Municipality.Should().Be(MunicipalityCode.Parse("GM0603"));
        Map(Token(("roles", "inkoop"), ("municipality", "GM0518")), fixedToRijswijk)!.Municipality.Should().Be(MunicipalityCode.Parse("GM0603"));
    }

    [Fact]
    public void An_admin_has_no_municipality_and_a_contractor_may_have_none()
    {
        var admin = Map(Token(("roles", "admin"), ("municipality", "GM0603"), ("kvk", "12345678")))!;
        admin.Role.Should().Be(Role.Admin);
        admin.Municipality.Should().BeNull();
        admin.KvkNumber.Should().BeNull();

        var contractor = Map(Token(("roles", "opdrachtnemer"), ("kvk", "12345678")))!;
        contractor.Should().Be(new Caller(null, Role.Opdrachtnemer, null, KvkNumber.Parse("12345678")) { Person = contractor.Person });
        Map(Token(("roles", "opdrachtnemer"), ("kvk", "12345678"), ("municipality", "GM0518")))!.Municipality
            .Should().Be(MunicipalityCode.Parse("GM0518"));

        Map(Token(("roles", "auditor"), ("municipality", "GM0603"), ("kvk", "12345678")))!.KvkNumber.Should().BeNull("only a contractor is bound to a KvK number");
    }

    [Theory]
    [InlineData("no role at all", new string[0])]
    [InlineData("a role the ledger does not know", new[] { "roles=Sroi.Reader" })]
    [InlineData("two ledger roles", new[] { "roles=wsp", "roles=inkoop", "municipality=GM0603" })]
    [InlineData("a municipal role without a municipality", new[] { "roles=wsp" })]
    [InlineData("a municipal role with a municipality that is no CBS code", new[] { "roles=inkoop", "municipality=Rijswijk" })]
    [InlineData("a municipal role with two municipalities", new[] { "roles=inkoop", "municipality=GM0603", "municipality=GM0518" })]
    [InlineData("a contractor without a KvK number", new[] { "roles=opdrachtnemer", "municipality=GM0603" })]
    [InlineData("a contractor with a KvK number of 7 digits", new[] { "roles=opdrachtnemer", "kvk=1234567" })]
    [InlineData("a role as a number", new[] { "roles=4" })]
    [InlineData("a regional coordinator without a region", new[] { "roles=regiocoordinator", "municipality=GM0603" })]
    [InlineData("a regional coordinator with a region that is not shipped", new[] { "roles=regiocoordinator", "region=rotterdam" })]
    [InlineData("a regional coordinator with one region of two that is not shipped", new[] { "roles=regiocoordinator", "region=haaglanden", "region=rotterdam" })]
    public void A_token_the_ledger_cannot_act_on_signs_in_a_person_without_a_role(string because, string[] claims)
    {
        var caller = Map(Token(claims.Select(c => (c.Split('=')[0], c.Split('=')[1])).ToArray()));

        caller.Should().BeNull(because);
    }

    [Fact]
    public void A_regional_coordinator_acts_for_its_regions_and_no_municipality()
    {
        var coordinator = Map(Token(("roles", "regiocoordinator"), ("region", "haaglanden"), ("region", " holland-rijnland"), ("municipality", "GM0603")))!;
        coordinator.Role.Should().Be(Role.Regiocoordinator);
        coordinator.Municipality.Should().BeNull("a coordinator reads its regions' reports, no municipality's ledger");
        coordinator.Regions.Should().Equal("haaglanden", "holland-rijnland");
        coordinator.MayReadRegion("haaglanden").Should().BeTrue();
        coordinator.MaySee(MunicipalityCode.Parse("GM0603"), KvkNumber.Parse("12345678")).Should().BeFalse();
        var principal = coordinator.ToPrincipal();
        principal.FindAll(Caller.RegionClaim).Select(c => c.Value).Should().Equal("haaglanden", "holland-rijnland");
        Caller.Find(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, Caller.PersonAuthenticationType, Caller.NameClaim, Caller.RoleClaim)))!
            .Regions.Should().Equal("haaglanden", "holland-rijnland");
        // Only a coordinator has regions: a WSP's region claim is not taken.
        Map(Token(("roles", "wsp"), ("municipality", "GM0603"), ("region", "haaglanden")))!.Regions.Should().BeEmpty();
        Map(Token(("roles", "regiocoordinator"), ("regio", "haaglanden")), Issuer with { RegionClaim = "regio" })!.Regions.Should().Equal("haaglanden");
    }

    [Fact]
    public void Unknown_role_values_beside_one_ledger_role_are_ignored_and_the_same_role_twice_is_one()
    {
        Map(Token(("roles", "Sroi.Reader"), ("roles", "auditor"), ("roles", "auditor"), ("municipality", "GM0603")))!.Role.Should().Be(Role.Auditor);
        Map(Token(("roles", "WSP"), ("municipality", " GM0603 ")))!.Role.Should().Be(Role.Wsp);
    }

    [Fact]
    public void Claim_names_are_the_issuers_own_and_a_dotted_name_reads_into_a_JSON_claim()
    {
        var keycloak = Issuer with { RoleClaim = "realm_access.roles", MunicipalityClaim = "gemeente" };
        Map(Token(("realm_access", """{"roles":["offline_access","wsp"]}"""), ("gemeente", "GM0603")), keycloak)!.Role.Should().Be(Role.Wsp);
        Map(Token(("realm_access", "not json"), ("gemeente", "GM0603")), keycloak).Should().BeNull();

        var broker = Issuer with { KvkClaim = "urn:etoegang:core:LegalSubjectID" };
        Map(Token(("roles", "opdrachtnemer"), ("urn:etoegang:core:LegalSubjectID", "87654321")), broker)!.KvkNumber
            .Should().Be(KvkNumber.Parse("87654321"));
    }

    [Fact]
    public void A_token_without_issuer_or_subject_is_no_person()
    {
        PersonClaims.Map(Issuer, new ClaimsPrincipal(new ClaimsIdentity([new Claim("iss", Iss), new Claim("roles", "admin")], "jwt")))
            .Should().Be(((ClaimsPrincipal?)null, "The token has no subject."));
        PersonClaims.Map(Issuer, new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")], "jwt")))
            .Should().Be(((ClaimsPrincipal?)null, "The token has no issuer."));
    }
}
