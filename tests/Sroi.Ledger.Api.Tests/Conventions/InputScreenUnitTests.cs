using System.Text;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>The screens every body, query string and tracing header passes, as tables of inputs (issue 17's dodges).</summary>
public class InputScreenUnitTests
{
    public static TheoryData<string, string> RefusedText() => new()
    {
        { "\u0080", TextScreen.C1ControlMessage },
        { "Bouw\u0085bedrijf", TextScreen.C1ControlMessage },        // NEXT LINE
        { "\u009B31m", TextScreen.C1ControlMessage },               // CSI: a terminal escape
        { "\u009F", TextScreen.C1ControlMessage },
        { "\u202Eevil", TextScreen.BidiMessage },                    // right-to-left override
        { "a\u202Ab", TextScreen.BidiMessage },
        { "a\u202Cb", TextScreen.BidiMessage },                      // pop directional formatting
        { "a\u2066b\u2069", TextScreen.BidiMessage },                // isolates
        { "a\u2068b", TextScreen.BidiMessage },
        { "\uFDD0", TextScreen.NonCharacterMessage },
        { "x\uFDEF", TextScreen.NonCharacterMessage },
        { "\uFFFE", TextScreen.NonCharacterMessage },
        { "\uFFFF", TextScreen.NonCharacterMessage },
        { "\U0001FFFE", TextScreen.NonCharacterMessage },
        { "\U0010FFFF", TextScreen.NonCharacterMessage },
        { "\u0000", TextScreen.ControlMessage },
        { "\u007F", TextScreen.ControlMessage },
    };

    [Theory]
    [MemberData(nameof(RefusedText))]
    public void Refused_characters_are_named(string text, string message) => TextScreen.Problem(text).Should().Be(message);

    /// <summary>A fact, not theory data: xunit's serialisation of theory data would turn a lone surrogate into U+FFFD.</summary>
    [Fact]
    public void A_lone_surrogate_is_no_text()
    {
        TextScreen.Problem("\uD800").Should().Be(TextScreen.UnicodeMessage);
        TextScreen.Problem("a\uDC00b").Should().Be(TextScreen.UnicodeMessage);
        TextScreen.Problem("\uDBFF\uDFFE").Should().Be(TextScreen.NonCharacterMessage);   // U+10FFFE as a pair
    }

    [Theory]
    [InlineData("Straße in Den Haag — “fase 2”")]
    [InlineData("\u0645\u0631\u062D\u0628\u0627\u200F")]            // Arabic with a right-to-left mark
    [InlineData("a\u200Eb\u061C")]                                  // the bidi marks text needs
    [InlineData("😀🏗️ e\u0301")]                                   // pairs, combining marks
    [InlineData("\uFDCF\uFDF0\uFFFD")]                              // next to the non-characters
    [InlineData("regel 1\nregel 2\tmet tab")]
    public void Ordinary_text_passes(string text) => TextScreen.Problem(text).Should().BeNull();

    [Theory]
    [InlineData("\u200B\u200C\u200D\uFEFF")]                        // the tester's title
    [InlineData("\u3164")]                                           // Hangul filler
    [InlineData("\u115F\u1160")]                                     // Hangul choseong and jungseong fillers
    [InlineData("\uFFA0")]                                           // half-width Hangul filler
    [InlineData(" \u00A0\u2003\u3000\n")]                           // spaces of every kind
    [InlineData("\u2800")]                                           // braille blank
    [InlineData("\u00AD\u2060\u180E\u034F")]                        // soft hyphen, word joiner, Mongolian vowel separator, CGJ
    [InlineData("\uFE0F\uFE00")]                                     // variation selectors
    [InlineData("\U000E0041\U000E007F")]                            // tag characters
    [InlineData("\u17B4\u17B5")]                                     // Khmer inherent vowels
    [InlineData("")]
    public void Invisible_text_is_blank(string text) => TextScreen.IsBlank(text).Should().BeTrue();

    [Theory]
    [InlineData("\u200Ba")]
    [InlineData("·")]
    [InlineData("\u0301")]                                           // a lone accent shows
    [InlineData("ㄱ")]
    public void Visible_text_is_not_blank(string text) => TextScreen.IsBlank(text).Should().BeFalse();

    [Theory]
    [InlineData("100.00999999999999999999999999999")]                // a decimal would round it to 100.01
    [InlineData("100.009")]
    [InlineData("0.001")]
    [InlineData("-0.001")]
    [InlineData("5.0000000000000000000000000001")]
    [InlineData("1.0e2")]
    [InlineData("1e-3")]
    [InlineData("1E2")]
    [InlineData("1e400")]
    [InlineData("79228162514264337593543950336")]                    // past decimal.MaxValue
    [InlineData("123456789012345678901")]                            // 21 digits
    public void A_number_written_finer_or_larger_than_any_field_allows_is_refused(string number) =>
        NumberScreen.Problem(Encoding.ASCII.GetBytes(number)).Should().Be(NumberScreen.Message);

    [Theory]
    [InlineData("100.01")]
    [InlineData("100")]
    [InlineData("100.000")]                                          // trailing zeros are no precision
    [InlineData("-0.0")]
    [InlineData("12345678901234567890")]                             // a candidate number sent as a JSON integer
    [InlineData("99999999999.99")]
    public void A_plain_number_with_two_decimals_passes(string number) =>
        NumberScreen.Problem(Encoding.ASCII.GetBytes(number)).Should().BeNull();

    [Fact]
    public void Every_refused_value_of_a_body_is_named_by_its_path()
    {
        var json = """{"title":"a\u0085","contractor":{"name":"ok","x":100.001},"blocks":[1,2.555,{"v":1e2}],"sroi":{"reason":"\u202E"}}"""u8;

        var errors = TextScreen.Problems(json).ToDictionary();

        errors.Keys.Should().BeEquivalentTo("title", "contractor.x", "blocks[1]", "blocks[2].v", "sroi.reason");
        errors["title"].Should().Equal(TextScreen.C1ControlMessage);
        errors["blocks[1]"].Should().Equal(NumberScreen.Message);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000123456782", TracingHeaders.Outcome.Kept, TracingHeaders.UuidRule)] // version 0
    [InlineData("00000000-0000-4000-0000-000000000001", TracingHeaders.Outcome.Kept, TracingHeaders.UuidRule)] // variant 0
    [InlineData("00000000-0000-9000-8000-000000000001", TracingHeaders.Outcome.Kept, TracingHeaders.UuidRule)] // version 9
    [InlineData("00000000-0000-4000-8000-000123456782", TracingHeaders.Outcome.Dropped, TracingHeaders.GeneratedBsnMessage)]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TracingHeaders.Outcome.Kept, null)]
    [InlineData("00-00000000000000000000000123456782-00f067aa0ba902b7-01", TracingHeaders.Outcome.Dropped, TracingHeaders.GeneratedBsnMessage)]
    [InlineData("0123456782", TracingHeaders.Outcome.Kept, FieldErrors.BsnMessage)]                           // typed: refused
    [InlineData("corr-0-111-222-333", TracingHeaders.Outcome.Kept, FieldErrors.BsnMessage)]
    [InlineData("9b2f6f7e-3c1a-4d2e-a1b2-c3d4e5f6a7b8", TracingHeaders.Outcome.Kept, null)]                   // a v4 UUID
    [InlineData("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", TracingHeaders.Outcome.Kept, null)]                   // RFC 9562's v7 example
    [InlineData("00000000-0000-0000-0000-000000000000", TracingHeaders.Outcome.Kept, null)]                   // nil
    [InlineData("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", TracingHeaders.Outcome.Kept, null)]                   // max
    public void A_header_value_is_judged(string value, TracingHeaders.Outcome outcome, string? problem) =>
        TracingHeaders.Judge(value).Should().Be((value, outcome, problem));
}
