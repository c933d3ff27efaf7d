using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts.ReadingContracts;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>
/// The contract list's search (<c>q</c>), award year and sort (issue 20): each test registers contracts under a word of
/// its own and searches for that word, so the other tests' contracts in the shared database never answer.
/// </summary>
[Collection(ApiCollection.Name)]
public class SearchingContractsTests(LedgerApi api)
{
    private static async Task<string> RegisterAsync(HttpClient inkoop, JsonObject body) =>
        (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

    private static string[] Ids(JsonNode page) => [.. page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>())];

    private static async Task<JsonNode> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/contracts?{query}")).ShouldBeAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Q_finds_the_reference_title_contractor_name_and_kvk_in_any_case_and_without_accents()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        var kvk = ContractBodies.UniqueKvk();
        var byReference = await RegisterAsync(inkoop, ContractBodies.Registration(reference: $"REF-{word.ToUpperInvariant()}-1"));
        var byTitle = await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"Renovatie café {word} Rijswijk"));
        var byContractor = await RegisterAsync(inkoop, ContractBodies.Registration(kvk: kvk)
            .With("contractor", new JsonObject { ["kvkNumber"] = kvk, ["name"] = $"Bouwbedrijf {word.ToUpperInvariant()} B.V." }));

        Ids(await ListAsync(inkoop, $"q={word}")).Should().BeEquivalentTo([byReference, byTitle, byContractor]);
        Ids(await ListAsync(inkoop, $"q=ref-{word}")).Should().Equal(byReference);
        Ids(await ListAsync(inkoop, $"q={Uri.EscapeDataString($"CAFE {word}")}")).Should().Equal([byTitle], "café is found as CAFE: case and accents do not matter");
        Ids(await ListAsync(inkoop, $"q={Uri.EscapeDataString($"Café   {word}")}")).Should().Equal([byTitle], "whitespace runs are one space");
        Ids(await ListAsync(inkoop, $"q={kvk}&contractorKvk={kvk}")).Should().Equal(byContractor);
        Ids(await ListAsync(inkoop, $"q={word}&category=diensten")).Should().BeEmpty("q narrows the other filters, it does not widen them");
        var page = await ListAsync(inkoop, $"q={word}&pageSize=2");
        page["total"]!.GetValue<long>().Should().Be(3);
        page["items"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_contract_stored_before_the_search_columns_gets_them_at_start_up()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        var id = await RegisterAsync(inkoop, ContractBodies.Registration(value: 987_654.32m).With("title", $"Oud contract {word}"));
        // As a database of the release before: the columns exist (Marten added them) but are empty.
        await using (var empty = api.DataSource.CreateCommand("UPDATE mt_doc_contract SET search_text = NULL, contract_value_cents = NULL WHERE id = $1"))
        {
            empty.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"contract-{id}" });
            (await empty.ExecuteNonQueryAsync()).Should().Be(1);
        }
        Ids(await ListAsync(inkoop, $"q={word}")).Should().BeEmpty();

        (await ContractListColumnsBackfill.FillAsync(api.Services.GetRequiredService<Marten.IDocumentStore>(), api.DataSource, CancellationToken.None))
            .Should().BeGreaterThanOrEqualTo(1);

        Ids(await ListAsync(inkoop, $"q={word}")).Should().Equal(id);
        await using var value = api.DataSource.CreateCommand("SELECT contract_value_cents FROM mt_doc_contract WHERE id = $1");
        value.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"contract-{id}" });
        ((long)(await value.ExecuteScalarAsync())!).Should().Be(98_765_432);
    }

    [Fact]
    public async Task Like_wildcards_in_q_are_taken_literally()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        var percent = await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"{word} 100% circulair"));
        await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"{word} 1000 circulair"));

        Ids(await ListAsync(inkoop, $"q={Uri.EscapeDataString($"{word} 100%")}")).Should().Equal(percent);
        Ids(await ListAsync(inkoop, $"q={Uri.EscapeDataString($"{word} 1_0")}")).Should().BeEmpty();
    }

    [Fact]
    public async Task Award_year_keeps_the_contracts_awarded_in_it()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        var first = await RegisterAsync(inkoop, ContractBodies.Registration(awardedOn: "2023-01-01").With("title", word));
        var last = await RegisterAsync(inkoop, ContractBodies.Registration(awardedOn: "2023-12-31").With("title", word));
        await RegisterAsync(inkoop, ContractBodies.Registration(awardedOn: "2024-01-01").With("title", word));
        await RegisterAsync(inkoop, ContractBodies.Registration(awardedOn: "2022-12-31").With("title", word));

        Ids(await ListAsync(inkoop, $"q={word}&awardYear=2023")).Should().Equal(last, first);
        Ids(await ListAsync(inkoop, $"q={word}&awardYear=2021")).Should().BeEmpty();
    }

    [Fact]
    public async Task Each_sort_orders_the_list_with_ties_broken_so_that_pages_never_overlap()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        // Three on one day and with one value: only the reference tells them apart.
        var contracts = new List<(string Id, string Reference, string AwardedOn, decimal Value)>();
        foreach (var (suffix, awardedOn, value) in new[] { ("c", "2024-02-01", 300_000m), ("a", "2024-02-01", 300_000m), ("d", "2024-05-01", 150_000m),
                     ("b", "2024-02-01", 300_000m), ("e", "2023-11-01", 900_000m) })
        {
            var reference = $"S-{word}-{suffix}";
            contracts.Add((await RegisterAsync(inkoop, ContractBodies.Registration(value: value, reference: reference, awardedOn: awardedOn)), reference, awardedOn, value));
        }
        // An amendment changes the value the list sorts on.
        var amended = contracts[4];
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{amended.Id}/amendments", new JsonObject
            { ["contractValue"] = 100_000m, ["effectiveOn"] = "2024-06-01", ["reason"] = "Minderwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        contracts[4] = amended with { Value = 100_000m };

        var byReference = contracts.OrderBy(c => c.Reference, StringComparer.Ordinal).Select(c => c.Id).ToArray();
        var expected = new Dictionary<string, string[]>
        {
            ["-awardedOn"] = [.. contracts.OrderByDescending(c => c.AwardedOn, StringComparer.Ordinal).ThenBy(c => c.Reference, StringComparer.Ordinal).Select(c => c.Id)],
            ["awardedOn"] = [.. contracts.OrderBy(c => c.AwardedOn, StringComparer.Ordinal).ThenBy(c => c.Reference, StringComparer.Ordinal).Select(c => c.Id)],
            ["reference"] = byReference,
            ["-reference"] = [.. byReference.Reverse()],
            ["value"] = [.. contracts.OrderBy(c => c.Value).ThenBy(c => c.Reference, StringComparer.Ordinal).Select(c => c.Id)],
            ["-value"] = [.. contracts.OrderByDescending(c => c.Value).ThenBy(c => c.Reference, StringComparer.Ordinal).Select(c => c.Id)],
        };
        Ids(await ListAsync(inkoop, $"q={word}")).Should().Equal(expected["-awardedOn"], "newest award first is the default");
        foreach (var (sort, order) in expected)
        {
            Ids(await ListAsync(inkoop, $"q={word}&sort={sort}")).Should().Equal(order, sort);
            // Page by page, one at a time: every contract once, in the same order.
            var paged = new List<string>();
            for (var page = 1; page <= contracts.Count; page++)
                paged.AddRange(Ids(await ListAsync(inkoop, $"q={word}&sort={sort}&pageSize=1&page={page}")));
            paged.Should().Equal(order, $"{sort}, a page at a time");
        }
    }

    [Fact]
    public async Task Every_bad_search_parameter_is_named_in_one_400()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.GetAsync($"/api/v1/contracts?q=a&awardYear=1999&sort=title&page=0");
        var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["q", "awardYear", "sort", "page"]);
    }

    [Theory]
    [InlineData("q=", "q")]
    [InlineData("q=%20x%20", "q")]
    [InlineData("awardYear=2101", "awardYear")]
    [InlineData("awardYear=twenty", "awardYear")]
    [InlineData("sort=awardedon", "sort")]
    [InlineData("sort=%2Bvalue", "sort")]
    public async Task A_bad_search_parameter_is_a_400_naming_it(string query, string field)
    {
        var inkoop = await api.ClientAsync("inkoop");

        await (await inkoop.GetAsync($"/api/v1/contracts?{query}")).ShouldNameFieldAsync(field);
    }

    [Fact]
    public async Task Q_of_more_than_100_characters_is_refused_and_of_100_is_searched()
    {
        var inkoop = await api.ClientAsync("inkoop");

        await (await inkoop.GetAsync($"/api/v1/contracts?q={new string('x', 101)}")).ShouldNameFieldAsync("q");
        (await ListAsync(inkoop, $"q={new string('x', 100)}"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task A_contractor_finds_only_its_own_contracts()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        var kvk = ContractBodies.UniqueKvk();
        var own = await RegisterAsync(inkoop, ContractBodies.Registration(kvk: kvk).With("title", $"Onderhoud {word}"));
        await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"Onderhoud {word}"));
        var contractor = await api.ClientAsync("opdrachtnemer", kvkNumber: kvk);

        var found = await ListAsync(contractor, $"q={word}");

        Ids(found).Should().Equal(own);
        found["total"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task An_auditor_finds_only_its_municipalitys_contracts()
    {
        var word = ContractBodies.UniqueLetters(10);
        var rijswijk = await RegisterAsync(await api.ClientAsync("inkoop"), ContractBodies.Registration().With("title", $"Schoonmaak {word}"));
        // Den Haag has no policy in this database: procurement sets the percentage.
        await RegisterAsync(await api.ClientAsync("inkoop", "GM0518"), ContractBodies.Registration().With("title", $"Schoonmaak {word}")
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Percentage vastgesteld door inkoop" }));
        var auditor = await api.ClientAsync("auditor");

        Ids(await ListAsync(auditor, $"q={word}")).Should().Equal(rijswijk);
        Ids(await ListAsync(api.Admin(), $"q={word}")).Should().HaveCount(2, "an admin sees both municipalities");
        await (await auditor.GetAsync($"/api/v1/contracts?q={word}&municipality=GM0518")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}
