using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>Issue 18: every field of a registration that does not parse is named in one 400, each by what the field takes.</summary>
[Collection(ApiCollection.Name)]
public class RegisteringContractTypeErrorsTests(LedgerApi api)
{
    [Fact]
    public async Task A_body_with_five_mistakes_of_different_kinds_is_one_400_naming_all_five()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration()
            .With("contractValue", "200.000,00")
            .With("contractor", new JsonObject { ["kvkNumber"] = 12345678, ["name"] = "Bouwbedrijf De Vliet B.V." })
            .With("awardedOn", "01-03-2024")
            .With("category", "bouw")
            .With("colour", "blue");
        var before = await EventCountAsync();

        var problem = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.BadRequest);

        Errors(problem).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["contractValue"] = ["Expected a number such as 200000.00."],
            ["contractor.kvkNumber"] = ["Expected text (a JSON string)."],
            ["awardedOn"] = ["Expected a date such as 2024-06-30."],
            ["category"] = ["Expected one of: werken, diensten, leveringen."],
            ["colour"] = ["Unknown field."],
        });
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_number_written_as_Dutch_text_is_answered_with_the_number_message()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration().With("contractValue", "200.000,00"));

        Errors(await response.ShouldBeAsync(HttpStatusCode.BadRequest)).Should().BeEquivalentTo(
            new Dictionary<string, string[]> { ["contractValue"] = ["Expected a number such as 200000.00."] });
    }

    [Fact]
    public async Task A_KvK_number_sent_as_a_JSON_number_is_answered_with_the_text_message()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration().With("contractor", new JsonObject { ["kvkNumber"] = 12345678, ["name"] = "X" });

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", body);

        Errors(await response.ShouldBeAsync(HttpStatusCode.BadRequest)).Should().BeEquivalentTo(
            new Dictionary<string, string[]> { ["contractor.kvkNumber"] = ["Expected text (a JSON string)."] });
    }

    [Fact]
    public async Task Truncated_JSON_is_one_error_naming_where_it_breaks()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var text = ContractBodies.Registration().ToJsonString();
        var cut = text.IndexOf("\"contractValue\"", StringComparison.Ordinal) + "\"contractValue\":".Length;

        var response = await inkoop.PostRawAsync("/api/v1/contracts", text[..cut]);

        Errors(await response.ShouldBeAsync(HttpStatusCode.BadRequest)).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["body"] = [$"The body is not well-formed JSON at line 1, position {cut + 1}: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed."],
        });
    }

    [Fact]
    public async Task The_screens_and_the_types_are_answered_together()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration().With("title", "Haagweg\u0000").With("contractValue", 150_000.001m).With("startsOn", 20240401);

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", body);

        Errors(await response.ShouldBeAsync(HttpStatusCode.BadRequest)).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["title"] = [TextScreen.ControlMessage],
            ["contractValue"] = [NumberScreen.Message],
            ["startsOn"] = ["Expected a date such as 2024-06-30."],
        });
    }

    private static Dictionary<string, string[]> Errors(JsonNode problem) =>
        problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
