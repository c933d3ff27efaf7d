using System.Net;

namespace Sroi.Ledger.Api.Tests.People;

/// <summary><c>GET /api/v1/municipalities</c>: the shipped CBS table, the same for every signed-in role, and for no one else.</summary>
[Collection(ApiCollection.Name)]
public class MunicipalitiesApiTests(LedgerApi api)
{
    [Theory]
    [InlineData("inkoop")]
    [InlineData("wsp")]
    [InlineData("opdrachtnemer")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task Every_role_gets_the_342_municipalities_by_code_with_their_names(string role)
    {
        var client = role == "admin" ? api.Admin() : await api.ClientAsync(role, kvkNumber: role == "opdrachtnemer" ? "12345678" : null);

        var list = (await (await client.GetAsync("/api/v1/municipalities")).ShouldBeAsync(HttpStatusCode.OK)).AsArray();

        list.Should().HaveCount(342);
        var codes = list.Select(m => m!["code"]!.GetValue<string>()).ToList();
        codes.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        var names = list.ToDictionary(m => m!["code"]!.GetValue<string>(), m => m!["name"]!.GetValue<string>());
        // Haaglanden, by the names the pages show.
        names.Should().Contain(new Dictionary<string, string>
        {
            ["GM0518"] = "Den Haag", ["GM0503"] = "Delft", ["GM1916"] = "Leidschendam-Voorburg", ["GM1842"] = "Midden-Delfland",
            ["GM1926"] = "Pijnacker-Nootdorp", ["GM0603"] = "Rijswijk", ["GM0629"] = "Wassenaar", ["GM1783"] = "Westland",
            ["GM0637"] = "Zoetermeer",
        });
        names["GM1992"].Should().Be("Voorne aan Zee");
        list.Should().OnlyContain(m => m!.AsObject().Count == 2, "each is {code, name}");
    }

    [Fact]
    public async Task Without_a_key_it_is_a_401()
    {
        (await api.Client().GetAsync("/api/v1/municipalities")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
