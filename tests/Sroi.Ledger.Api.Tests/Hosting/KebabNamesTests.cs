using System.Reflection;
using System.Text.Json;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Tests.Hosting;

/// <summary>
/// Enums in JSON (System.Text.Json's JsonStringEnumConverter, held to exact names) and outside it (KebabNames: query
/// parameters, read-table columns, CSV) are spelt the same, and a body names a value in exactly one way.
/// </summary>
public class KebabNamesTests
{
    private static IEnumerable<Type> LedgerEnums() =>
        new[] { typeof(LedgerJson).Assembly, typeof(ContractCategory).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsEnum && !type.IsGenericType && !type.ContainsGenericParameters && type.GetCustomAttribute<FlagsAttribute>() is null);

    [Fact]
    public void Every_enum_is_written_to_json_by_the_names_KebabNames_gives_and_read_back_from_them()
    {
        var enums = LedgerEnums().ToList();
        enums.Should().Contain([typeof(ContractCategory), typeof(ContractStatus)]).And.HaveCountGreaterThan(10);
        foreach (var type in enums)
        {
            var names = typeof(KebabNames<>).MakeGenericType(type);
            var nameOf = names.GetMethod(nameof(KebabNames<ContractCategory>.NameOf))!;
            var all = (IReadOnlyCollection<string>)names.GetProperty(nameof(KebabNames<ContractCategory>.Names))!.GetValue(null)!;
            var values = Enum.GetValues(type);
            all.Should().HaveCount(values.Length, type.Name);
            foreach (var value in values)
            {
                var name = (string)nameOf.Invoke(null, [value])!;
                name.Should().MatchRegex("^[a-z0-9]+(-[a-z0-9]+)*$", $"{type.Name}.{value}");
                JsonSerializer.Serialize(value, type, LedgerJson.Options).Should().Be($"\"{name}\"", $"{type.Name}.{value}");
                JsonSerializer.Deserialize($"\"{name}\"", type, LedgerJson.Options).Should().Be(value, $"{type.Name}.{value}");
            }
        }
    }

    [Theory]
    [InlineData("\"werken, diensten\"")] // JsonStringEnumConverter alone: Werken | Diensten, which is Diensten
    [InlineData("\"diensten, leveringen\"")] // alone: 1 | 2, no category at all
    [InlineData("\"Werken\"")] // the C# name
    [InlineData("\"WERKEN\"")]
    [InlineData("\" werken\"")]
    [InlineData("\"werken \"")]
    [InlineData("\"0\"")]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_value_that_is_not_exactly_a_name_is_an_error_listing_the_names(string json)
    {
        var read = () => JsonSerializer.Deserialize<ContractCategory>(json, LedgerJson.Options);
        read.Should().Throw<JsonException>().Which.Message.Should().Be("Expected one of: werken, diensten, leveringen.");
    }

    [Fact]
    public void As_dictionary_keys_too_the_names_are_written_and_only_they_are_read()
    {
        var json = JsonSerializer.Serialize(new Dictionary<ContractCategory, int> { [ContractCategory.Werken] = 1, [ContractCategory.Leveringen] = 3 }, LedgerJson.Options);
        json.Should().Be("""{"werken":1,"leveringen":3}""");
        JsonSerializer.Deserialize<Dictionary<ContractCategory, int>>(json, LedgerJson.Options).Should()
            .Equal(new Dictionary<ContractCategory, int> { [ContractCategory.Werken] = 1, [ContractCategory.Leveringen] = 3 });
        foreach (var key in new[] { "Werken", "werken, diensten", " werken" })
        {
            var read = () => JsonSerializer.Deserialize<Dictionary<ContractCategory, int>>($$"""{"{{key}}":1}""", LedgerJson.Options);
            read.Should().Throw<JsonException>(key).Which.Message.Should().Be("Expected one of: werken, diensten, leveringen.");
        }
    }

    [Fact]
    public void Outside_json_a_name_is_parsed_exactly_as_well()
    {
        KebabNames<ContractStatus>.Names.Should().Equal("active", "completed");
        KebabNames<ContractStatus>.TryParse("completed", out var completed).Should().BeTrue();
        completed.Should().Be(ContractStatus.Completed);
        foreach (var text in new[] { "Completed", "COMPLETED", " completed", "active, completed", "1", "", null })
            KebabNames<ContractStatus>.TryParse(text, out _).Should().BeFalse(text);
    }
}
