using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Shared;

/// <summary>111222333 passes the elfproef (9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66 = 6·11); 111222334 does not.</summary>
public class BsnScreenTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("BSN 111222333 herbeoordeeld")]
    [InlineData("111.222.333")]
    [InlineData("111-222-333")]
    [InlineData("1112-22333")]
    [InlineData("11122 2333")]
    [InlineData("1 1 1 2 2 2 3 3 3")]
    [InlineData("111\u00A0222\u00A0333")]          // non-breaking spaces
    [InlineData("111\u2009222\u202F333")]          // thin and narrow no-break spaces
    [InlineData("111\u200B222\u200B333")]          // zero-width spaces
    [InlineData("111\u2013222\u2014333")]          // en and em dash
    [InlineData("１１１２２２３３３")]              // full-width digits
    [InlineData("\u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663")] // Arabic-Indic digits
    [InlineData("𝟏𝟏𝟏𝟐𝟐𝟐𝟑𝟑𝟑")]                    // mathematical bold digits (outside the BMP)
    [InlineData("(111) 222/333")]
    [InlineData("2024-06-30 111222333")]           // a date in the same run does not hide it
    [InlineData("ref 2024/111222333")]
    [InlineData("x111222333y")]
    public void A_bsn_however_written_is_found(string text) => BsnScreen.ContainsBsn(text).Should().BeTrue();

    [Theory]
    [InlineData("111222334")]                      // fails the elfproef
    [InlineData("1112223330")]                     // ten digits: not a BSN
    [InlineData("446655440000")]                   // a longer number is not split
    [InlineData("000000000")]
    [InlineData("2024-06-30 tot 2024-12-31")]
    [InlineData("€ 1.234.567,89")]
    [InlineData("Renovatie sporthal de Schilp, fase 2")]
    [InlineData("111 222 en 333")]                 // a word ends the run
    [InlineData("")]
    public void Other_text_passes(string text) => BsnScreen.ContainsBsn(text).Should().BeFalse();
}
