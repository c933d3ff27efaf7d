using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Shared;

public class MoneyTests
{
    [Fact]
    public void Sub_cent_amounts_are_refused_not_rounded()
    {
        Money.TryFromEuros(10.005m, out _).Should().BeFalse();
        Money.TryFromEuros(10.05m, out var money).Should().BeTrue();
        money.Cents.Should().Be(1005);
    }

    [Fact]
    public void Money_prints_in_Dutch_notation()
    {
        Money.FromEuros(150_000m).ToString().Should().Be("€ 150.000,00");
    }

    [Theory]
    [InlineData("12345678", true)]
    [InlineData("1234567", false)]
    [InlineData("123456789", false)]
    [InlineData("1234567a", false)]
    public void A_kvk_number_is_eight_digits(string text, bool valid)
    {
        KvkNumber.TryParse(text, out _).Should().Be(valid);
    }
}
