using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

[Collection(ApiCollection.Name)]
public class RegisteringContractBadInputTests(LedgerApi api)
{
    public static TheoryData<string, string> BadBodies()
    {
        var valid = ContractBodies.Registration();
        return new()
        {
            { valid.Without("reference").ToJsonString(), "reference" },
            { valid.Without("title").ToJsonString(), "title" },
            { valid.Without("category").ToJsonString(), "category" },
            { valid.Without("contractValue").ToJsonString(), "contractValue" },
            { valid.Without("contractor").ToJsonString(), "contractor" },
            { valid.Without("awardedOn").ToJsonString(), "awardedOn" },
            { valid.Without("startsOn").ToJsonString(), "startsOn" },
            { valid.Without("endsOn").ToJsonString(), "endsOn" },
            { valid.Without("scope").ToJsonString(), "scope" },
            { valid.With("contractValue", -5).ToJsonString(), "contractValue" },
            { valid.With("contractValue", 0).ToJsonString(), "contractValue" },
            { valid.With("contractValue", 150_000.001m).ToJsonString(), "contractValue" },
            { valid.With("contractValue", "150000").ToJsonString(), "contractValue" },
            { valid.With("contractor", new JsonObject { ["kvkNumber"] = "123456789", ["name"] = "X" }).ToJsonString(), "contractor.kvkNumber" },
            { valid.With("contractor", new JsonObject { ["kvkNumber"] = "12345678" }).ToJsonString(), "contractor.name" },
            { valid.With("endsOn", "2024-03-31").ToJsonString(), "endsOn" },
            { valid.With("category", "bouw").ToJsonString(), "category" },
            { valid.With("scope", "national").ToJsonString(), "scope" },
            { valid.With("awardedOn", "01-03-2024").ToJsonString(), "awardedOn" },
            { valid.With("awardedOn", "2024-02-30").ToJsonString(), "awardedOn" },
            { valid.With("colour", "blue").ToJsonString(), "colour" },
            { valid.With("title", "Plaatsing van kandidaat 111222333").ToJsonString(), "title" },
            { valid.With("sroi", new JsonObject { ["percentage"] = 101 }).ToJsonString(), "sroi.percentage" },
            { valid.With("sroi", new JsonObject { ["percentage"] = 3, ["exemptionReason"] = "x" }).ToJsonString(), "sroi" },
            { valid.With("sroi", new JsonObject { ["exemptionReason"] = " " }).ToJsonString(), "sroi.exemptionReason" },
            { """{"reference": "A", """, "body" },
            { "[]", "body" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var before = await EventCountAsync();

        await (await inkoop.PostRawAsync("/api/v1/contracts", body)).ShouldNameFieldAsync(field);

        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_reference_is_unique_within_the_municipality()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var elsewhere = await api.ClientAsync("inkoop", "GM0518");
        var body = ContractBodies.Registration();
        await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
        var before = await EventCountAsync();

        await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldNameFieldAsync("reference");

        (await EventCountAsync()).Should().Be(before);
        // Another municipality may use the same reference (it has no policy, so it exempts explicitly).
        await (await elsewhere.PostJsonAsync("/api/v1/contracts", body.With("sroi", new JsonObject { ["exemptionReason"] = "test" })))
            .ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_an_unsupported_media_type()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.PostAsync("/api/v1/contracts", new StringContent("reference=A"));

        await response.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
