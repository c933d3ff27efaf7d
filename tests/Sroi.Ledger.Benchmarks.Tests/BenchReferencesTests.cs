using Sroi.Ledger.Benchmarks;
using Sroi.Ledger.Benchmarks.Commands;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Benchmarks.Tests;

/// <summary>
/// What the harness sends as a contract reference, an invoice number or a candidate number must never be refused by the
/// ledger as a BSN (the HTTP mode failed at random when a random tag and a counter joined into nine digits passing the
/// elfproef). Checked with the ledger's own screens over many generated values.
/// </summary>
public sealed class BenchReferencesTests
{
    [Fact]
    public void References_and_invoice_numbers_never_look_like_a_BSN()
    {
        var random = new Random(23);
        // Numbers of every length up to eight digits, and the edges.
        long Number() => random.Next(6) switch
        {
            0 => random.NextInt64(0, 10),
            1 => random.NextInt64(0, 10_000),
            2 => BenchReferences.MaxNumber - random.NextInt64(0, 1_000),
            _ => random.NextInt64(0, BenchReferences.MaxNumber + 1),
        };
        var checkedValues = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var tag = BenchReferences.Tag();
            // As the HTTP mode builds them: a contract's reference, a balance report's invoice, and the wrk script's
            // invoice numbers (its run label from Of, then "-N<thread>-N<n>" as Of writes it).
            string[] values =
            [
                BenchReferences.Of(tag, Number()),
                BenchReferences.Of(tag + "-balance", Number()),
                BenchReferences.Of(tag, Number(), Number(), Number()),
                BenchReferences.Of("B", Number()),
                BenchReferences.Of("F", Number()),
                // The raw command baseline's reference of a contract (Commands/RawCommands).
                BenchReferences.OfId(Guid.NewGuid()),
            ];
            foreach (var value in values)
            {
                BsnScreen.ContainsBsn(value).Should().BeFalse($"\"{value}\" must never read as a BSN");
                checkedValues++;
            }
        }
        checkedValues.Should().Be(120_000);
    }

    [Fact]
    public void A_raw_reference_has_no_digit_and_is_one_per_id()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => Guid.NewGuid()).ToList();
        var references = ids.Select(BenchReferences.OfId).ToList();
        references.Should().OnlyContain(r => r.Length == 34 && r.StartsWith("R-") && !r.Any(char.IsAsciiDigit));
        references.Distinct().Should().HaveCount(1_000);
        BenchReferences.OfId(Guid.Parse("01234567-89ab-cdef-0123-456789abcdef")).Should().Be("R-ghijklmnopabcdefghijklmnopabcdef");
    }

    [Fact]
    public void The_old_hex_tags_could_look_like_a_BSN_which_is_what_the_screen_above_would_catch()
    {
        // "HB" + three random bytes in hex + "-" + a four-digit counter, as the HTTP mode built its references before.
        // A tag whose last five hex digits are decimal ("HBA12345") and a counter below 10 join into nine digits.
        var old = Enumerable.Range(0, 100_000).Select(n => $"HBA{n:D5}-{7:D4}").ToList();
        old.Count(BsnScreen.ContainsBsn).Should().BeGreaterThan(1_000, "about one in eleven such references passes the elfproef");
    }

    [Fact]
    public void Candidate_numbers_are_never_refused_as_a_BSN()
    {
        for (var i = 0; i < 20_000; i++)
        {
            var number = LedgerCommands.Bodies.CandidateNumber();
            CandidateNumber.LooksLikeBsn(number).Should().BeFalse($"\"{number}\" must never look like a BSN");
            CandidateNumber.Problem(number).Should().BeNull();
        }
    }

    [Theory]
    [InlineData("HB1")]
    [InlineData("")]
    [InlineData("B 2")]
    public void A_head_with_anything_but_letters_and_hyphens_is_refused(string head) =>
        FluentActions.Invoking(() => BenchReferences.Of(head, 1)).Should().Throw<ArgumentException>();

    [Fact]
    public void A_number_of_nine_digits_is_refused() =>
        FluentActions.Invoking(() => BenchReferences.Of("B", BenchReferences.MaxNumber + 1)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void The_wrk_script_writes_its_invoice_numbers_as_Of_does()
    {
        var script = File.ReadAllText(Path.Combine(Checkout.Root(), "tests", "Sroi.Ledger.Benchmarks", "Http", "wrk-ledger.lua"));
        script.Should().Contain("\"invoiceNumber\":\"%s-N%d-N%d\"", "the run label comes from BenchReferences.Of and the script appends two numbers as Of would");
        BenchReferences.Of("HBQXKMRA", 3, 1, 42).Should().Be("HBQXKMRA-N3-N1-N42");
    }
}
