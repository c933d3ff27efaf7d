using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// No BSN enters the event log, however it is written and wherever it is typed: free text, references, invoice numbers
/// and the identifiers a client sends in headers. 111222333 passes the elfproef.
/// </summary>
[Collection(ApiCollection.Name)]
public class PersonalNumberScreenTests(LedgerApi api)
{
    public static TheoryData<string, string> Dodges() => new()
    {
        { "title", "Kandidaat 111-222-333" },
        { "title", "Kandidaat 1112-22333" },
        { "title", "Kandidaat 11122 2333" },
        { "title", "Kandidaat 1 1 1 2 2 2 3 3 3" },
        { "title", "Kandidaat 111\u00A0222\u00A0333" },
        { "title", "Kandidaat １１１２２２３３３" },
        { "title", "Kandidaat \u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663" },
        { "reference", "111222333" },
        { "reference", "INK-111.222.333" },
        { "reference", "0111222333" },                     // zero-padded (issue 17)
        { "reference", "INK-000-111-222-333" },
        { "contractor.name", "Bouwbedrijf 111 222 333 B.V." },
    };

    [Theory]
    [MemberData(nameof(Dodges))]
    public async Task A_bsn_in_any_typed_field_is_a_400_naming_it_and_nothing_is_written(string field, string value)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration();
        if (field == "contractor.name") body["contractor"]!["name"] = value;
        else body[field] = value;
        var before = await EventCountAsync();

        var problem = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.BadRequest);

        problem["errors"]![field]![0]!.GetValue<string>().Should().Contain("BSN");
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_invoice_number_is_screened_too()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);

        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", FulfilmentBodies.SocialProcurement(invoice: "111-222-333")))
            .ShouldNameFieldAsync("invoiceNumber");
    }

    public static TheoryData<string, string> BadHeaders() => new()
    {
        { "X-Correlation-ID", "111222333" },
        { "X-Correlation-ID", "corr-1112-22333" },
        { "X-Causation-ID", "with space" },
        { "X-Causation-ID", new string('a', 129) },
        { "X-Causation-ID", "a/b" },
        { "Idempotency-Key", "sleutel-111.222.333" },
        { "Idempotency-Key", "{\"json\":1}" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_header_stored_with_the_events_must_look_like_an_identifier(string header, string value)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var before = await EventCountAsync();

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(),
            r => r.Headers.TryAddWithoutValidation(header, value));

        await response.ShouldNameFieldAsync(header);
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Generated_identifiers_are_kept_as_sent()
    {
        var inkoop = await api.ClientAsync("inkoop");
        // A traceparent (the W3C example) and an RFC 9562 version 4 UUID, neither holding a BSN-like run: kept as sent.
        // One that does is replaced or refused (InputDodgeTests).
        const string correlation = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        const string key = "9b2f6f7e-3c1a-4d2e-a1b2-c3d4e5f6a7b8";

        var created = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(), r =>
        {
            r.Headers.Add("X-Correlation-ID", correlation);
            r.Headers.Add("X-Causation-ID", "inkoop:aanbesteding_2024.17");
            r.Headers.Add("Idempotency-Key", key);
        })).ShouldBeAsync(HttpStatusCode.Created);

        await using var command = api.DataSource.CreateCommand(
            "SELECT correlation_id, causation_id, headers->>'idempotencyKey' FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"contract-{created["id"]}" });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        (reader.GetString(0), reader.GetString(1), reader.GetString(2)).Should().Be((correlation, "inkoop:aanbesteding_2024.17", key));
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
