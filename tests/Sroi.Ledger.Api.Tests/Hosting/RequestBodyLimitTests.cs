using Microsoft.Extensions.Configuration;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Tests.Hosting;

public class RequestBodyLimitTests
{
    private static RequestBodyLimit From(string? value) =>
        RequestBodyLimit.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RequestBodyLimit.Setting] = value }).Build());

    [Fact]
    public void The_limit_is_256_KiB_unless_configured()
    {
        From(null).Bytes.Should().Be(262_144);
        From("").Bytes.Should().Be(262_144);
        From("1048576").Bytes.Should().Be(1_048_576);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1023")]
    [InlineData("2147483648")]
    [InlineData("256 KiB")]
    public void A_limit_that_is_not_a_sane_number_of_bytes_stops_the_start(string value)
    {
        var start = () => From(value);

        start.Should().Throw<InvalidOperationException>().WithMessage($"*{RequestBodyLimit.Setting}*'{value}'*");
    }
}
