using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Admin;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// What a hostile or careless client found in the HTTP layer of issue 18, each answered now: a value that was silently
/// lost or read as another, a refusal in the wrong order or shape, a 400 that named the wrong reason.
/// </summary>
[Collection(ApiCollection.Name)]
public class HostileInputTests(LedgerApi api)
{
    [Fact]
    public async Task A_field_given_twice_is_a_400_naming_it_not_its_last_value()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration().ToJsonString();
        var before = await EventCountAsync();

        // Twice as sent, twice in another case (the binder matches names in any case), and twice inside the contractor.
        var twice = await inkoop.PostRawAsync("/api/v1/contracts", body[..^1] + ",\"reference\": \"T-second\"}");
        var otherCase = await inkoop.PostRawAsync("/api/v1/contracts", body[..^1] + ",\"Title\": \"Another title\"}");
        var nested = await inkoop.PostRawAsync("/api/v1/contracts",
            body.Replace("\"kvkNumber\":\"12345678\"", "\"kvkNumber\":\"12345678\",\"kvkNumber\":\"87654321\""));

        (await twice.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString()
            .Should().Be($$"""{"reference":["{{FieldMessages.Duplicate}}"]}""");
        (await otherCase.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString()
            .Should().Be($$"""{"title":["{{FieldMessages.Duplicate}}"]}""");
        (await nested.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString()
            .Should().Be($$"""{"contractor.kvkNumber":["{{FieldMessages.Duplicate}}"]}""");
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_fulfilment_report_with_a_field_given_twice_is_a_400()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
        var wsp = await api.ClientAsync("wsp");

        var response = await wsp.PostRawAsync($"/api/v1/contracts/{contract["id"]!.GetValue<string>()}/fulfilments",
            """{"kind": "training", "description": "Cursus", "cost": 500.00, "cost": 5000.00}""");

        (await response.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString()
            .Should().Be($$"""{"cost":["{{FieldMessages.Duplicate}}"]}""");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_body_of_another_media_type_is_the_ledgers_415_after_the_401_and_403(string contentType)
    {
        var body = Encoding.UTF8.GetBytes(ContractBodies.Registration().ToJsonString());
        HttpContent Content() => new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } };

        var anonymous = await api.Client().PostAsync("/api/v1/contracts", Content());
        var auditor = await (await api.ClientAsync("auditor")).PostAsync("/api/v1/contracts", Content());
        var inkoop = await (await api.ClientAsync("inkoop")).PostAsync("/api/v1/contracts", Content());

        await anonymous.ShouldBeAsync(HttpStatusCode.Unauthorized);
        await auditor.ShouldBeAsync(HttpStatusCode.Forbidden);
        var refused = await inkoop.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);
        refused["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/unsupported-media-type");
        refused["detail"]!.GetValue<string>().Should().Be("Send a JSON body with Content-Type application/json.");
    }

    [Fact]
    public async Task A_body_in_the_charset_its_content_type_names_is_read_in_that_charset()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var registration = ContractBodies.Registration().With("title", "Café De Vliet");
        HttpContent In(Encoding encoding, string charset) =>
            new ByteArrayContent(encoding.GetBytes(registration.ToJsonString())) { Headers = { { "Content-Type", $"application/json; charset={charset}" } } };

        var latin1 = await inkoop.PostAsync("/api/v1/contracts", In(Encoding.Latin1, "iso-8859-1"));
        var utf16 = await inkoop.PostAsync("/api/v1/contracts",
            new ByteArrayContent(Encoding.Unicode.GetBytes(ContractBodies.Registration().With("title", "Café").ToJsonString()))
            { Headers = { { "Content-Type", "application/json; charset=utf-16" } } });
        var unknown = await inkoop.PostAsync("/api/v1/contracts", In(Encoding.UTF8, "klingon"));

        (await latin1.ShouldBeAsync(HttpStatusCode.Created))["title"]!.GetValue<string>().Should().Be("Café De Vliet");
        (await utf16.ShouldBeAsync(HttpStatusCode.Created))["title"]!.GetValue<string>().Should().Be("Café");
        (await unknown.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType))["detail"]!.GetValue<string>()
            .Should().Be("The charset 'klingon' is not supported; send the JSON body as UTF-8.");
    }

    [Fact]
    public async Task A_body_that_starts_with_a_byte_order_mark_is_read_without_it()
    {
        var inkoop = await api.ClientAsync("inkoop");
        HttpContent WithBom(Encoding encoding, string charset) => new ByteArrayContent(
            [.. encoding.GetPreamble(), .. encoding.GetBytes(ContractBodies.Registration().With("title", "Café").ToJsonString())])
        { Headers = { { "Content-Type", $"application/json; charset={charset}" } } };

        var utf8 = await inkoop.PostAsync("/api/v1/contracts", WithBom(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), "utf-8"));
        var utf16 = await inkoop.PostAsync("/api/v1/contracts", WithBom(Encoding.Unicode, "utf-16"));

        (await utf8.ShouldBeAsync(HttpStatusCode.Created))["title"]!.GetValue<string>().Should().Be("Café");
        (await utf16.ShouldBeAsync(HttpStatusCode.Created))["title"]!.GetValue<string>().Should().Be("Café");
    }

    [Theory]
    [InlineData("\"01\"")]
    [InlineData("\"+1\"")]
    [InlineData("\" 1\"")]
    public async Task An_If_Match_that_only_reads_as_the_version_is_not_its_ETag(string ifMatch)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
        var before = await EventCountAsync();

        var response = await inkoop.PostJsonAsync($"/api/v1/contracts/{contract["id"]!.GetValue<string>()}/amendments",
            new JsonObject { ["contractValue"] = 260_000m, ["effectiveOn"] = "2024-06-01", ["reason"] = "Meerwerk" },
            request => request.Headers.TryAddWithoutValidation("If-Match", ifMatch));

        (await response.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("If-Match");
        (await EventCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("page=1&page=2", "page")]
    // Names match in any case: the screen names the parameter as ASP.NET keeps it, one of the spellings sent.
    [InlineData("pageSize=10&pagesize=20", "pagesize")]
    [InlineData("status=active&status=completed", "status")]
    public async Task A_query_parameter_given_twice_is_a_400_that_says_so(string query, string parameter)
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.GetAsync($"/api/v1/contracts?{query}");

        (await response.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString()
            .Should().Be($$"""{"{{parameter}}":["{{QueryStringScreen.RepeatedMessage}}"]}""");
    }

    [Fact]
    public async Task A_query_parameter_the_operation_does_not_declare_is_a_400_naming_what_it_takes()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);

        // A misspelt filter, and a moment the list cannot go back to: both were ignored, the answer unfiltered and of today.
        var misspelt = await inkoop.GetAsync("/api/v1/contracts?staus=behind");
        var notHere = await inkoop.GetAsync("/api/v1/contracts?asKnownOn=2024-01-01T00:00:00Z");
        var none = await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]!.GetValue<string>()}/settlement?asKnownOn=2024-01-01T00:00:00Z");
        // Names match in any case, as ASP.NET binds them.
        var otherCase = await inkoop.GetAsync("/api/v1/contracts?PAGE=1&PageSize=5");

        const string listTakes = "Not a parameter of this operation; it takes municipality, contractorKvk, category, status, page, pageSize, q, awardYear, sort.";
        (await misspelt.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString().Should().Be($$"""{"staus":["{{listTakes}}"]}""");
        (await notHere.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString().Should().Be($$"""{"asKnownOn":["{{listTakes}}"]}""");
        (await none.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.ToJsonString()
            .Should().Be("""{"asKnownOn":["Not a parameter of this operation, which takes none."]}""");
        (await otherCase.ShouldBeAsync(HttpStatusCode.OK))["pageSize"]!.GetValue<int>().Should().Be(5);
    }

    [Fact]
    public async Task A_key_whose_role_did_not_parse_is_refused_for_its_role_only()
    {
        var misspelt = await api.Admin().PostJsonAsync("/api/v1/api-keys",
            new JsonObject { ["role"] = "contractor", ["municipality"] = "GM0603", ["kvkNumber"] = "12345678" });
        var noMunicipality = await api.Admin().PostJsonAsync("/api/v1/api-keys", new JsonObject { ["role"] = "Inkoop" });

        (await misspelt.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("role");
        (await noMunicipality.ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("role");
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
