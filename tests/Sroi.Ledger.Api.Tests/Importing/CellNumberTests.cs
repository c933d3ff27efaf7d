using Sroi.Ledger.Api.Importing;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>
/// A number in a sheet is read exactly or refused (<see cref="CellValues"/>): <c>decimal.TryParse</c> rounds beyond 28
/// significant digits without a word, and a number cell read as a double beyond 17.
/// </summary>
public class CellNumberTests
{
    [Theory]
    [InlineData("1234,56", "1234.56")]
    [InlineData("1.234.567,5", "1234567.5")]
    [InlineData("0.00001", "0.00001")]
    [InlineData("1E-05", "0.00001")]
    [InlineData("250000.000000000000001", "250000.000000000000001")]
    [InlineData("-12,50", "-12.5")]
    public void A_number_a_decimal_holds_is_read_digit_for_digit(string text, string expected)
    {
        CellValues.TryParseNumber(text, out var value).Should().BeTrue();
        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("250000.00000000000000000000000001")]     // 32 significant digits
    [InlineData("100,00999999999999999999999999999")]     // would round to 100.01
    [InlineData("1E-40")]                                 // would be 0
    [InlineData("1E+40")]                                 // beyond a decimal's range
    public void A_number_a_decimal_cannot_hold_is_refused_with_its_own_message(string text)
    {
        CellValues.TryParseNumber(text, out _).Should().BeFalse();
        CellValues.Read(text, CellFormat.Number).Should().Be(((System.Text.Json.Nodes.JsonNode?)null, CellValues.PrecisionMessage));
    }

    [Fact]
    public void A_stored_number_cell_is_read_from_its_digits()
    {
        var (value, error) = CellValues.Read(new StoredNumber("1234.560000000000000001"), CellFormat.Number);
        error.Should().BeNull();
        value!.GetValue<decimal>().Should().Be(1234.560000000000000001m);
    }

    [Theory]
    [InlineData("2.50", "2.5", true)]
    [InlineData("1E-05", "0.00001", true)]
    [InlineData("-0", "0", true)]
    [InlineData("1234.560000000000000001", "1234.56", false)]
    [InlineData("10", "1", false)]
    public void Two_notations_are_the_same_number_only_digit_for_digit(string a, string b, bool same) =>
        CellValues.SameNumber(a, b).Should().Be(same);
}
