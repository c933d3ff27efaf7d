using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Shared;

public class CandidateNumberTests
{
    [Theory]
    [InlineData("100234")]
    [InlineData("K-2024-0007")]
    [InlineData("1123456782")]  // ten significant digits
    [InlineData("0000000000")]
    [InlineData("123456789")] // nine digits, but 9·1+8·2+…+2·8−9 = 147 is not a multiple of 11
    public void A_pseudonymous_number_is_accepted(string text) =>
        CandidateNumber.TryParse(text, out _).Should().BeTrue();

    [Theory]
    [InlineData("123456782")] // passes the elfproef: a BSN shape
    [InlineData("K-123456782")]
    [InlineData("0123456782")]    // the BSN 123456782 padded with a zero (issue 17)
    [InlineData("00-0123-456782")]
    [InlineData("K-000123456782")]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("123456789012345678901")]
    public void A_bsn_shaped_or_malformed_value_is_refused(string text)
    {
        CandidateNumber.TryParse(text, out _).Should().BeFalse();
        CandidateNumber.Problem(text).Should().NotBeNull();
    }
}
