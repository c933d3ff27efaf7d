using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.BuildingBlocks;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>What used to be a 500 (or an empty answer) on bad input: each is now a 4xx problem naming what is wrong.</summary>
[Collection(ApiCollection.Name)]
public class BadInputTests(LedgerApi api)
{
    /// <summary>A property of the contract registration, its value as raw JSON text, and the field the 400 names.</summary>
    public static TheoryData<string, string, string> ControlCharacters() => new()
    {
        { "contractor", """{"kvkNumber": "12345678", "name": "Bouw\u0000bedrijf"}""", "contractor.name" },
        { "title", "\"\\u0000\"", "title" },
        { "reference", "\"RW\\u0007-1\"", "reference" },
        { "title", "\"escape \\u001b[31m\"", "title" },
        { "title", "\"delete \\u007f\"", "title" },
        { "title", "\"half a pair \\ud800\"", "title" },
        { "sroi", """{"exemptionReason": "x\u0000"}""", "sroi.exemptionReason" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_NUL_or_control_character_in_any_text_is_a_400_naming_the_field(string property, string rawValue, string field)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration().Without(property).ToJsonString();
        var before = await EventCountAsync();

        var response = await inkoop.PostRawAsync("/api/v1/contracts", body[..^1] + $",\"{property}\": {rawValue}}}");

        await response.ShouldNameFieldAsync(field);
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_NUL_in_an_array_element_is_named_by_its_index()
    {
        var admin = api.Admin();
        var table = BuildingBlockTableTests.Table(municipality: "GM0603");
        table["blocks"]![1]!["code"] = "work-\u0000experience";

        await (await admin.PostJsonAsync("/api/v1/building-block-tables", table)).ShouldNameFieldAsync("blocks[1].code");
    }

    [Fact]
    public async Task Tab_and_line_breaks_stay_allowed_in_free_text()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration().With("title", "Haagweg\tfase 1\r\nfase 2"));

        (await response.ShouldBeAsync(HttpStatusCode.Created))["title"]!.GetValue<string>().Should().Be("Haagweg\tfase 1\r\nfase 2");
    }

    [Theory]
    [InlineData("/api/v1/contracts?reference=%00", "reference")]
    [InlineData("/api/v1/contracts?status=active%00", "status")]
    [InlineData("/api/v1/contracts?page=1%0A", "page")]
    [InlineData("/api/v1/sroi-policies?municipality=GM0603%01", "municipality")]
    public async Task A_NUL_or_control_character_in_a_query_parameter_is_a_400_naming_it(string url, string parameter)
    {
        await (await api.Admin().GetAsync(url)).ShouldNameFieldAsync(parameter);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("null")]
    public async Task A_missing_or_null_share_percentage_is_a_400_naming_it(string how)
    {
        var admin = api.Admin();
        var table = BuildingBlockTableTests.Table(municipality: "GM0603");
        var share = table["socialProcurementShares"]![0]!.AsObject();
        if (how == "missing") share.Remove("percentage");
        else share["percentage"] = null;

        await (await admin.PostJsonAsync("/api/v1/building-block-tables", table)).ShouldNameFieldAsync("socialProcurementShares[0].percentage");
    }

    public static TheoryData<string, JsonNode?, string> NullsInShapes() => new()
    {
        { "socialProcurementShares", new JsonArray((JsonNode?)null), "socialProcurementShares[0]" },
        { "blocks", new JsonArray((JsonNode?)null), "blocks[0]" },
        { "blocks", new JsonArray(new JsonObject()), "blocks[0].code" },
        { "bonuses", null, "bonuses" },
        { "bonuses", new JsonObject(), "bonuses.age55Plus" },
    };

    [Theory]
    [MemberData(nameof(NullsInShapes))]
    public async Task Null_elements_and_empty_nested_objects_are_400s_naming_them(string property, JsonNode? value, string field)
    {
        var table = BuildingBlockTableTests.Table(municipality: "GM0603").With(property, value);

        await (await api.Admin().PostJsonAsync("/api/v1/building-block-tables", table)).ShouldNameFieldAsync(field);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("3000-01-01T00:00:00Z")]
    public async Task An_instant_outside_the_years_1900_to_2999_is_a_400_naming_knownOn(string knownOn)
    {
        var contract = await FulfilmentBodies.ContractAsync(api);

        foreach (var view in new[] { "balance", "history" })
        {
            var response = await contract.Inkoop.GetAsync($"{contract.Url}/{view}?knownOn={knownOn}");
            var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
            problem["errors"]!["knownOn"]![0]!.GetValue<string>().Should().Contain("1900-01-01T00:00:00Z to 2999-12-31T23:59:59Z");
        }
    }

    [Fact]
    public async Task The_last_accepted_instant_is_answered()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);

        var balance = await (await contract.Inkoop.GetAsync($"{contract.Url}/balance?knownOn=2999-12-31T23:59:59Z")).ShouldBeAsync(HttpStatusCode.OK);
        await (await contract.Inkoop.GetAsync($"{contract.Url}/history?knownOn=1900-01-01T00:00:00Z")).ShouldBeAsync(HttpStatusCode.OK);

        balance.Decimal("obligation").Should().Be(10_000m);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_date_outside_the_years_1900_to_2999_is_a_400_in_a_query_and_in_a_body(string date)
    {
        var wsp = await api.ClientAsync("wsp");
        var inkoop = await api.ClientAsync("inkoop");

        await (await wsp.GetAsync($"/api/v1/reports/trede-distribution?asOf={date}")).ShouldNameFieldAsync("asOf");
        var response = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration().With("endsOn", date));
        var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["endsOn"]![0]!.GetValue<string>().Should().Be("Expected a date from 1900-01-01 to 2999-12-31.");
        await (await wsp.PostJsonAsync("/api/v1/candidates", CandidateBodies.Registration(benefitSince: date))).ShouldNameFieldAsync("benefitSince");
    }

    [Fact]
    public async Task A_body_over_256_KiB_is_a_413_problem_whether_its_length_is_announced_or_not()
    {
        var admin = api.Admin();
        var oversized = "{\"description\": \"" + new string('a', 300 * 1024) + "\"}";

        var announced = await admin.PostRawAsync("/api/v1/sroi-policies", oversized);
        var streamed = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/sroi-policies")
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(oversized))) { Headers = { { "Content-Type", "application/json" } } },
        });

        foreach (var response in new[] { announced, streamed })
            (await response.ShouldBeAsync(HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>().Should().Contain("262144 bytes (256 KiB)");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/jsonx")]
    public async Task A_body_without_a_JSON_content_type_is_a_415_problem(string? contentType)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ContractBodies.Registration().ToJsonString()));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await inkoop.PostAsync("/api/v1/contracts", content);

        await response.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A body whose length the client does not know, so it is sent without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
