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

    /// <summary>The hostile tester's dodges of issue 17 and their relatives: forms NFKC folds, digits of other scripts, padding.</summary>
    [Theory]
    [InlineData("BSN ¹¹¹²²²³³³")]                                  // superscript digits (NFKC: 111222333)
    [InlineData("BSN \u2081\u2081\u2081\u2082\u2082\u2082\u2083\u2083\u2083")] // subscript digits
    [InlineData("\u2460\u2460\u2460\u2461\u2461\u2461\u2462\u2462\u2462")]    // circled digits ①②③
    [InlineData("\u2474\u2474\u2474\u2475\u2475\u2475\u2476\u2476\u2476")]    // parenthesised digits ⑴⑵⑶ → (1)(2)(3)
    [InlineData("\u2488\u2488\u2488\u2489\u2489\u2489\u248A\u248A\u248A")]    // digit full stop ⒈⒉⒊ → 1.2.3.
    [InlineData("\u2776\u2776\u2776\u2777\u2777\u2777\u2778\u2778\u2778")]    // dingbat negative circled ❶❷❸ (no NFKC form; digit value)
    [InlineData("\u2780\u2780\u2780\u2781\u2781\u2781\u2782\u2782\u2782")]    // dingbat circled sans-serif ➀➁➂
    [InlineData("\u24F5\u24F5\u24F5\u24F6\u24F6\u24F6\u24F7\u24F7\u24F7")]    // double circled ⓵⓶⓷
    [InlineData("\u0967\u0967\u0967\u0968\u0968\u0968\u0969\u0969\u0969")]    // Devanagari
    [InlineData("\u09E7\u09E7\u09E7\u09E8\u09E8\u09E8\u09E9\u09E9\u09E9")]    // Bengali
    [InlineData("\u0E51\u0E51\u0E51\u0E52\u0E52\u0E52\u0E53\u0E53\u0E53")]    // Thai
    [InlineData("\u06F1\u06F1\u06F1\u06F2\u06F2\u06F2\u06F3\u06F3\u06F3")]    // extended Arabic-Indic (Persian)
    [InlineData("\u1369\u1369\u1369\u136A\u136A\u136A\u136B\u136B\u136B")]    // Ethiopic digits (category No)
    [InlineData("𝟷𝟷𝟷𝟸𝟸𝟸𝟹𝟹𝟹")]                                      // mathematical monospace
    [InlineData("1¹₁2②２3\u0969𝟑")]                                   // every kind mixed in one number
    [InlineData("1\u03011\u03011\u03012\u03012\u03012\u03013\u03013\u03013\u0301")] // combining accents between digits
    [InlineData("1\uFE0F\u20E31\uFE0F\u20E31\uFE0F\u20E32\uFE0F\u20E32\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E33\uFE0F\u20E33\uFE0F\u20E3")] // keycaps
    [InlineData("111\u3000222\u3000333")]                           // ideographic spaces
    [InlineData("111\u2060222\u00AD333")]                           // word joiner, soft hyphen
    [InlineData("Haagweg\U000E0031\U000E0031\U000E0031\U000E0032\U000E0032\U000E0032\U000E0033\U000E0033\U000E0033")] // invisible tag digits
    [InlineData("0111222333")]                                       // ten digits, a leading zero
    [InlineData("0123456782")]                                       // the tester's candidate number
    [InlineData("000000111222333")]                                  // any number of leading zeros
    [InlineData("000-111-222-333")]                                  // padding as a group of its own
    [InlineData("00000000-0000-0000-0000-000123456782")]             // a UUID-shaped dodge
    [InlineData("０１１１２２２３３３")]                                  // full-width, padded
    [InlineData("012345672")]                                        // a nine-digit BSN that starts with 0
    [InlineData("0012345672")]                                       // … padded once more
    public void A_bsn_dodge_is_found(string text) => BsnScreen.ContainsBsn(text).Should().BeTrue();

    [Theory]
    [InlineData("0000000000")]                                       // zeros only
    [InlineData("1111222333")]                                       // ten significant digits: not a BSN
    [InlineData("10111222333")]                                      // not zero-padded: a longer number is not split
    [InlineData("Oppervlakte 120 m² in fase Ⅱ")]                      // a superscript unit is one digit
    [InlineData("ⅠⅠⅠⅡⅡⅡⅢⅢⅢ")]                                         // Roman numerals are letters: no digits
    [InlineData("\u2469\u2469\u2469")]                              // ⑩⑩⑩ → 101010: six digits
    [InlineData("½ 111 222")]                                        // ½ folds to 1⁄2: eight digits
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")] // the W3C example traceparent
    public void Other_forms_pass(string text) => BsnScreen.ContainsBsn(text).Should().BeFalse();

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
