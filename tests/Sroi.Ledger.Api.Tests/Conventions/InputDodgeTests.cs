using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// The hostile tester's dodges of issue 17, each posted to a real endpoint: a 400 naming the field (or header) and not
/// one event written. 111222333 and 123456782 pass the elfproef.
/// </summary>
[Collection(ApiCollection.Name)]
public class InputDodgeTests(LedgerApi api)
{
    public static TheoryData<string> BsnDodges() =>
    [
        "BSN ¹¹¹²²²³³³",
        "BSN \u2081\u2081\u2081\u2082\u2082\u2082\u2083\u2083\u2083",
        "\u2460\u2460\u2460\u2461\u2461\u2461\u2462\u2462\u2462",
        "\u2474\u2474\u2474\u2475\u2475\u2475\u2476\u2476\u2476",
        "\u2776\u2776\u2776\u2777\u2777\u2777\u2778\u2778\u2778",
        "\u0967\u0967\u0967\u0968\u0968\u0968\u0969\u0969\u0969",
        "𝟷𝟷𝟷𝟸𝟸𝟸𝟹𝟹𝟹",
        "1¹₁2②２3\u0969𝟑",
        "nummer 0123456782",
        "000-111-222-333",
        "Haagweg\U000E0031\U000E0031\U000E0031\U000E0032\U000E0032\U000E0032\U000E0033\U000E0033\U000E0033",
        "1\uFE0F\u20E31\uFE0F\u20E31\uFE0F\u20E32\uFE0F\u20E32\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E33\uFE0F\u20E33\uFE0F\u20E3",
    ];

    [Theory]
    [MemberData(nameof(BsnDodges))]
    public async Task A_bsn_dodge_in_a_title_is_a_400_naming_it(string title)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var before = await EventCountAsync();

        var problem = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration().With("title", title)))
            .ShouldBeAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["title"]![0]!.GetValue<string>().Should().Contain("BSN");
        (await EventCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("0123456782")]
    [InlineData("00-0123-456782")]
    public async Task A_zero_padded_bsn_is_no_candidate_number(string number)
    {
        var wsp = await api.ClientAsync("wsp");
        var before = await EventCountAsync();

        await (await wsp.PostJsonAsync("/api/v1/candidates", CandidateBodies.Registration(number))).ShouldNameFieldAsync("candidateNumber");

        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_candidate_number_sent_as_a_json_number_is_a_400_naming_it_never_read_as_text()
    {
        var wsp = await api.ClientAsync("wsp");
        var contract = await FulfilmentBodies.ContractAsync(api);
        var before = await EventCountAsync();
        var registration = CandidateBodies.Registration("100234");
        registration["candidateNumber"] = 100234;
        var report = FulfilmentBodies.Employment(candidate: "100234");
        report["candidateNumber"] = 100234;

        await (await wsp.PostJsonAsync("/api/v1/candidates", registration)).ShouldNameFieldAsync("candidateNumber");
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", report)).ShouldNameFieldAsync("candidateNumber");

        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_zero_padded_bsn_is_no_candidate_number_in_a_report_either()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        var before = await contract.EventCountAsync(api.DataSource);

        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", FulfilmentBodies.Employment(candidate: "0123456782")))
            .ShouldNameFieldAsync("candidateNumber");

        (await contract.EventCountAsync(api.DataSource)).Should().Be(before);
    }

    [Theory]
    [InlineData("X-Correlation-ID", "00000000-0000-0000-0000-000123456782")]   // the tester's: version 0 is no RFC 9562 UUID
    [InlineData("X-Causation-ID", "00000000-0000-0000-0000-000111222333")]
    [InlineData("Idempotency-Key", "00000000-0000-0000-0000-000111222333")]
    [InlineData("X-Correlation-ID", "0123456782")]                             // typed, zero-padded
    public async Task A_uuid_shaped_or_bsn_holding_header_is_a_400_naming_it(string header, string value)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var before = await EventCountAsync();

        await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(), r => r.Headers.TryAddWithoutValidation(header, value)))
            .ShouldNameFieldAsync(header);

        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_generated_tracing_id_holding_bsn_digits_is_replaced_not_stored()
    {
        var inkoop = await api.ClientAsync("inkoop");
        const string correlation = "00000000-0000-4000-8000-000123456782";
        const string causation = "00-00000000000000000000000111222333-00f067aa0ba902b7-01";

        var created = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(), r =>
        {
            r.Headers.Add("X-Correlation-ID", correlation);
            r.Headers.Add("X-Causation-ID", causation);
        })).ShouldBeAsync(HttpStatusCode.Created);

        await using var command = api.DataSource.CreateCommand("SELECT correlation_id, causation_id FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"contract-{created["id"]}" });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        var stored = reader.GetString(0);
        stored.Should().NotBe(correlation).And.NotBeEmpty("the request's trace id takes its place");
        Domain.Shared.BsnScreen.ContainsBsn(stored).Should().BeFalse();
        reader.IsDBNull(1).Should().BeTrue("a dropped causation id is not recorded");
    }

    [Fact]
    public async Task A_generated_idempotency_key_holding_bsn_digits_works_and_reaches_the_events_only_as_its_digest()
    {
        var inkoop = await api.ClientAsync("inkoop");
        const string key = "00000000-0000-4000-8000-000123456782";
        var body = ContractBodies.Registration();

        var first = await (await inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var again = await inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key));
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");

        await using var command = api.DataSource.CreateCommand("SELECT headers ->> 'idempotencyKey' FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"contract-{first["id"]}" });
        var recorded = (string?)await command.ExecuteScalarAsync();
        recorded.Should().Be("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))));
    }

    public static TheoryData<string, string> InvisibleOrRefusedText() => new()
    {
        { "title", "\u200B\u200C\u200D\uFEFF" },
        { "title", "\u3164\u3164" },
        { "title", "\u115F\u1160 \uFFA0" },
        { "contractor.name", "\u2800\u00AD\u2060" },
        { "title", "Herinrichting\u0085Haagweg" },
        { "title", "\u202Egewegaah" },
        { "title", "Haagweg\u2066x\u2069" },
        { "contractor.name", "Bouw\uFDD0" },
        { "contractor.name", "Bouw\uFFFE" },
        { "title", "\U0010FFFF" },
    };

    [Theory]
    [MemberData(nameof(InvisibleOrRefusedText))]
    public async Task Invisible_only_or_refused_text_is_a_400_naming_the_field(string field, string value)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration();
        if (field == "contractor.name") body["contractor"]!["name"] = value;
        else body[field] = value;
        var before = await EventCountAsync();

        await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldNameFieldAsync(field);

        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_invisible_description_of_a_report_is_missing()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        var before = await contract.EventCountAsync(api.DataSource);

        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", FulfilmentBodies.Training().With("description", "\u200B\uFEFF")))
            .ShouldNameFieldAsync("description");

        (await contract.EventCountAsync(api.DataSource)).Should().Be(before);
    }

    [Theory]
    [InlineData("%C2%85")]          // U+0085
    [InlineData("%E2%80%AE")]       // U+202E
    [InlineData("%EF%BF%BE")]       // U+FFFE
    public async Task A_refused_character_in_a_query_parameter_is_a_400_naming_it(string encoded)
    {
        var inkoop = await api.ClientAsync("inkoop");

        await (await inkoop.GetAsync($"/api/v1/contracts?reference=T{encoded}")).ShouldNameFieldAsync("reference");
    }

    public static TheoryData<string> FineNumbers() =>
    [
        "100.00999999999999999999999999999",   // the tester's: would be rounded to 100.01
        "250000.0000000000000000000000001",
        "100.009",
        "1.0e5",
        "2e5",
        "1e-3",
        "1e400",
        "79228162514264337593543950336000",
    ];

    [Theory]
    [MemberData(nameof(FineNumbers))]
    public async Task An_amount_written_finer_than_cents_is_refused_never_rounded(string number)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var before = await EventCountAsync();

        var problem = await (await inkoop.PostRawAsync("/api/v1/contracts", WithRawNumber(ContractBodies.Registration(), "contractValue", number)))
            .ShouldBeAsync(HttpStatusCode.BadRequest);

        problem["errors"]!["contractValue"]![0]!.GetValue<string>().Should().Be(NumberScreen.Message);
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Trailing_zeros_are_exact_and_accepted()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var created = await (await inkoop.PostRawAsync("/api/v1/contracts", WithRawNumber(ContractBodies.Registration(), "contractValue", "200000.000")))
            .ShouldBeAsync(HttpStatusCode.Created);

        created.Decimal("contractValue").Should().Be(200_000m);
    }

    [Theory]
    [InlineData("training", "cost", "1250.00999999999999999999999999999")]
    [InlineData("training", "cost", "1.25e3")]
    [InlineData("employment", "hoursPerWeek", "36.0000000000000000000000000001")]
    [InlineData("employment", "hoursPerWeek", "3.6E1")]
    [InlineData("social-activity", "hours", "12.001")]
    [InlineData("social-procurement", "amountExclVat", "12000.000000000000000000000001")]
    public async Task Hours_and_amounts_of_a_report_written_too_finely_are_refused(string kind, string field, string number)
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        var body = kind switch
        {
            "training" => FulfilmentBodies.Training(),
            "employment" => FulfilmentBodies.Employment(),
            "social-activity" => FulfilmentBodies.SocialActivity(),
            _ => FulfilmentBodies.SocialProcurement(),
        };
        var before = await contract.EventCountAsync(api.DataSource);

        await (await contract.Contractor.PostRawAsync($"{contract.Url}/fulfilments", WithRawNumber(body, field, number))).ShouldNameFieldAsync(field);

        (await contract.EventCountAsync(api.DataSource)).Should().Be(before);
    }

    [Theory]
    [InlineData("percentage", "5.0000000000000000000000000001")]
    [InlineData("thresholds.werken", "215000.00999999999999999999999")]
    [InlineData("thresholds.diensten", "2.15e5")]
    public async Task A_policy_percentage_or_threshold_written_too_finely_is_refused(string field, string number)
    {
        var body = new JsonObject
        {
            ["municipality"] = "GM0599", ["effectiveFrom"] = "2023-01-01", ["percentage"] = 5, ["description"] = "Rotterdam 2023",
            ["thresholds"] = new JsonObject { ["werken"] = 215_000, ["diensten"] = 215_000, ["leveringen"] = 215_000 },
        };
        var before = await EventCountAsync();

        await (await api.Admin().PostRawAsync("/api/v1/sroi-policies", WithRawNumber(body, field, number))).ShouldNameFieldAsync(field);

        (await EventCountAsync()).Should().Be(before);
    }

    /// <summary>The body's JSON with the number's text at the path, as a client would write it (JsonNode would convert it).</summary>
    private static string WithRawNumber(JsonObject body, string path, string number)
    {
        const string placeholder = "__raw_number__";
        var names = path.Split('.');
        var parent = names[..^1].Aggregate((JsonNode)body, (node, name) => node[name]!);
        parent[names[^1]] = placeholder;
        return body.ToJsonString().Replace($"\"{placeholder}\"", number, StringComparison.Ordinal);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
