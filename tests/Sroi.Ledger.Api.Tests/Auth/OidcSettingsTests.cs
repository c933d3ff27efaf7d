using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// The OpenID Connect settings as the service reads them at start (environment variables, where <c>__</c> is the
/// configuration's <c>:</c>): one issuer, several (numbered or a comma list) with their own overrides, and every wrong
/// setting refused with a message that names it.
/// </summary>
public class OidcSettingsTests
{
    private static OidcSettings Read(params (string Key, string Value)[] settings) =>
        OidcSettings.From(Configuration(settings));

    /// <summary>As environment variables arrive: <c>SROI_OIDC_AUTHORITY__0</c> becomes <c>SROI_OIDC_AUTHORITY:0</c>.</summary>
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":"), (string?)s.Value))).Build();

    private static string Refusal(params (string Key, string Value)[] settings)
    {
        var read = () => Read(settings);
        return read.Should().Throw<InvalidOperationException>().Which.Message;
    }

    [Fact]
    public void No_authority_means_API_keys_only()
    {
        var settings = Read(("SROI_OIDC_AUDIENCE", "sroi-ledger"));

        settings.Enabled.Should().BeFalse();
        settings.Issuers.Should().BeEmpty();
    }

    [Fact]
    public void One_issuer_takes_the_shared_audience_and_the_default_claim_names()
    {
        var settings = Read(("SROI_OIDC_AUTHORITY", "https://login.microsoftonline.com/tenant/v2.0"), ("SROI_OIDC_AUDIENCE", "api://sroi-ledger"));

        settings.Enabled.Should().BeTrue();
        settings.RequireHttpsMetadata.Should().BeTrue();
        settings.MetadataRefresh.Should().Be(TimeSpan.FromSeconds(60));
        var issuer = settings.Issuers.Should().ContainSingle().Subject;
        issuer.Should().Be(new OidcIssuer(0, new Uri("https://login.microsoftonline.com/tenant/v2.0"), "api://sroi-ledger",
            "roles", "municipality", "kvk", null));
        issuer.SchemeName.Should().Be("oidc-0");
        issuer.IssuerKey.Should().Be("https://login.microsoftonline.com/tenant/v2.0");
    }

    [Fact]
    public void Numbered_issuers_have_their_own_municipality_audience_and_claim_names()
    {
        var settings = Read(
            ("SROI_OIDC_AUTHORITY__0", "https://id.rijswijk.nl/realms/sroi/"),
            ("SROI_OIDC_AUTHORITY__1", "https://broker.example/eherkenning"),
            ("SROI_OIDC_AUDIENCE", "sroi-ledger"),
            ("SROI_OIDC_MUNICIPALITY__0", "GM0603"),
            ("SROI_OIDC_ROLE_CLAIM__0", "realm_access.roles"),
            ("SROI_OIDC_AUDIENCE__1", "urn:sroi:ledger"),
            ("SROI_OIDC_KVK_CLAIM__1", "urn:etoegang:core:LegalSubjectID"),
            ("SROI_OIDC_METADATA_REFRESH_SECONDS", "1"));

        settings.MetadataRefresh.Should().Be(TimeSpan.FromSeconds(1));
        settings.Issuers.Should().Equal(
            new OidcIssuer(0, new Uri("https://id.rijswijk.nl/realms/sroi/"), "sroi-ledger", "realm_access.roles", "municipality", "kvk",
                Domain.Shared.MunicipalityCode.Parse("GM0603")),
            new OidcIssuer(1, new Uri("https://broker.example/eherkenning"), "urn:sroi:ledger", "roles", "municipality",
                "urn:etoegang:core:LegalSubjectID", null));
        settings.Issuers[0].IssuerKey.Should().Be("https://id.rijswijk.nl/realms/sroi", "a trailing slash does not make another issuer");
    }

    [Fact]
    public void An_issuer_can_name_the_iss_of_its_tokens_when_it_is_not_the_address_the_service_reaches()
    {
        var settings = Read(
            ("SROI_OIDC_AUTHORITY__0", "https://keycloak.internal:8443/realms/sroi"),
            ("SROI_OIDC_ISSUER__0", "https://login.rijswijk.nl/realms/sroi"),
            ("SROI_OIDC_AUTHORITY__1", "https://broker.example"),
            ("SROI_OIDC_AUDIENCE", "sroi-ledger"));

        settings.Issuers[0].TokenIssuer.Should().Be(new Uri("https://login.rijswijk.nl/realms/sroi"));
        settings.Issuers[0].IssuerKey.Should().Be("https://login.rijswijk.nl/realms/sroi", "the scheme is chosen by the tokens' iss");
        settings.Issuers[1].TokenIssuer.Should().BeNull();
        Read(("SROI_OIDC_AUTHORITY", "https://keycloak.internal/realms/sroi"), ("SROI_OIDC_ISSUER", "https://login.rijswijk.nl/realms/sroi"),
            ("SROI_OIDC_AUDIENCE", "sroi-ledger")).Issuers.Single().TokenIssuer.Should().Be(new Uri("https://login.rijswijk.nl/realms/sroi"));
    }

    [Theory]
    [InlineData("login.rijswijk.nl", "must be an absolute http(s) URL")]
    [InlineData("http://login.rijswijk.nl/realms/sroi", "only for a loopback test issuer")]
    [InlineData("https://login.rijswijk.nl/realms/sroi?x=1", "without query")]
    public void A_wrong_token_issuer_stops_the_service_naming_the_setting(string value, string says)
    {
        var start = () => Read(("SROI_OIDC_AUTHORITY__0", "https://keycloak.internal/realms/sroi"), ("SROI_OIDC_ISSUER__0", value),
            ("SROI_OIDC_AUDIENCE", "sroi-ledger"));

        start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("SROI_OIDC_ISSUER__0").And.Contain(says);
    }

    [Fact]
    public void The_numbered_names_work_also_as_given_literally_on_the_command_line_or_as_a_host_setting()
    {
        var literal = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SROI_OIDC_AUTHORITY__0"] = "https://a.example/",
            ["SROI_OIDC_AUTHORITY:1"] = "https://b.example/",
            ["SROI_OIDC_AUDIENCE"] = "sroi-ledger",
            ["SROI_OIDC_MUNICIPALITY__0"] = "GM0603",
        }).Build();

        OidcSettings.From(literal).Issuers.Select(i => (i.SchemeName, i.FixedMunicipality?.Value))
            .Should().Equal(("oidc-0", "GM0603"), ("oidc-1", null));
    }

    [Fact]
    public void A_comma_list_numbers_its_issuers_in_order_for_their_overrides()
    {
        var settings = Read(
            ("SROI_OIDC_AUTHORITY", "https://a.example/, https://b.example/"),
            ("SROI_OIDC_AUDIENCE", "sroi-ledger"),
            ("SROI_OIDC_MUNICIPALITY__1", "GM0518"));

        settings.Issuers.Select(i => (i.SchemeName, i.Authority.OriginalString, i.FixedMunicipality?.Value))
            .Should().Equal(("oidc-0", "https://a.example/", null), ("oidc-1", "https://b.example/", "GM0518"));
    }

    [Fact]
    public void Plain_http_is_only_for_a_loopback_issuer_with_https_metadata_turned_off()
    {
        var local = Read(("SROI_OIDC_AUTHORITY", "http://localhost:5081/"), ("SROI_OIDC_AUDIENCE", "sroi-ledger"),
            ("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false"));
        local.RequireHttpsMetadata.Should().BeFalse();
        Read(("SROI_OIDC_AUTHORITY", "http://127.0.0.1:5081"), ("SROI_OIDC_AUDIENCE", "a"), ("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false"))
            .Issuers.Should().ContainSingle();
        Read(("SROI_OIDC_AUTHORITY", "http://[::1]:5081"), ("SROI_OIDC_AUDIENCE", "a"), ("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false"))
            .Issuers.Should().ContainSingle();

        Refusal(("SROI_OIDC_AUTHORITY", "http://localhost:5081/"), ("SROI_OIDC_AUDIENCE", "sroi-ledger"))
            .Should().Contain("SROI_OIDC_AUTHORITY is 'http://localhost:5081/': an issuer over plain http needs SROI_OIDC_REQUIRE_HTTPS_METADATA=false");
        Refusal(("SROI_OIDC_AUTHORITY", "http://idp.rijswijk.nl/"), ("SROI_OIDC_AUDIENCE", "sroi-ledger"), ("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false"))
            .Should().Contain("SROI_OIDC_REQUIRE_HTTPS_METADATA=false is only for a loopback test issuer; SROI_OIDC_AUTHORITY is 'http://idp.rijswijk.nl/'.");
        Refusal(("SROI_OIDC_AUTHORITY", "https://idp.rijswijk.nl/"), ("SROI_OIDC_AUDIENCE", "sroi-ledger"), ("SROI_OIDC_REQUIRE_HTTPS_METADATA", "no"))
            .Should().Contain("SROI_OIDC_REQUIRE_HTTPS_METADATA must be true or false, not 'no'.");
    }

    [Fact]
    public void Every_wrong_setting_is_named_in_one_message()
    {
        var message = Refusal(
            ("SROI_OIDC_AUTHORITY__0", "idp.rijswijk.nl"),
            ("SROI_OIDC_AUTHORITY__1", "https://idp.example/?tenant=1"),
            ("SROI_OIDC_AUTHORITY__2", "https://ok.example/"),
            ("SROI_OIDC_MUNICIPALITY__2", "Rijswijk"),
            ("SROI_OIDC_METADATA_REFRESH_SECONDS", "0"));

        message.Should().StartWith("OpenID Connect settings: ");
        message.Should().Contain("SROI_OIDC_AUTHORITY__0 must be an absolute http(s) URL without query, fragment or user name (the issuer), not 'idp.rijswijk.nl'.");
        message.Should().Contain("SROI_OIDC_AUTHORITY__1 must be an absolute http(s) URL");
        message.Should().Contain("SROI_OIDC_AUDIENCE (or SROI_OIDC_AUDIENCE__2) is required with SROI_OIDC_AUTHORITY__2");
        message.Should().Contain("SROI_OIDC_MUNICIPALITY__2 must be a CBS municipality code such as GM0603, not 'Rijswijk'.");
        message.Should().Contain("SROI_OIDC_METADATA_REFRESH_SECONDS must be a whole number of seconds from 1 to 86400, not '0'.");
    }

    [Fact]
    public void The_service_does_not_start_with_a_wrong_setting()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            // Never reached: the settings are read while the services are registered, before anything connects.
            host.UseSetting("SROI_DATABASE", "Host=127.0.0.1;Port=1;Database=none;Username=none");
            host.UseEnvironment("Testing");
            host.UseSetting("SROI_OIDC_AUTHORITY", "http://idp.rijswijk.nl/");
            host.UseSetting("SROI_OIDC_AUDIENCE", "sroi-ledger");
        });

        var start = () => factory.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage(
            "OpenID Connect settings: SROI_OIDC_AUTHORITY is 'http://idp.rijswijk.nl/': an issuer over plain http needs SROI_OIDC_REQUIRE_HTTPS_METADATA=false*");
    }

    [Fact]
    public void Both_forms_at_once_or_one_issuer_twice_is_refused()
    {
        Refusal(("SROI_OIDC_AUTHORITY", "https://a.example/"), ("SROI_OIDC_AUTHORITY__0", "https://b.example/"), ("SROI_OIDC_AUDIENCE", "x"))
            .Should().Contain("Set either SROI_OIDC_AUTHORITY (a comma-separated list) or SROI_OIDC_AUTHORITY__0, __1, …, not both.");
        Refusal(("SROI_OIDC_AUTHORITY", "https://a.example/,https://a.example"), ("SROI_OIDC_AUDIENCE", "x"))
            .Should().Contain("the issuer 'https://a.example' is configured more than once.");
        Refusal(("SROI_OIDC_AUTHORITY__first", "https://a.example/"), ("SROI_OIDC_AUDIENCE", "x"))
            .Should().Contain("SROI_OIDC_AUTHORITY__first: issuers are numbered 0, 1, 2, …");
    }
}
