using Sroi.Ledger.Api.Contracts.ReadingContracts;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>The fold that <c>?q=</c> and the stored search text share (no database: the function alone).</summary>
public class ContractSearchFoldTests
{
    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("CAFÉ", "cafe")]
    [InlineData("Cafe\u0301", "cafe")]
    [InlineData("ĲSSELSTEIN", "ijsselstein")]
    [InlineData("Straße", "strasse")]
    [InlineData("Œuvre Æbleskiver", "oeuvre aebleskiver")]
    [InlineData("Łódź Ørsted Šibenik Ğebze", "lodz orsted sibenik gebze")]
    [InlineData("  Den \t Haag\n", "den haag")]
    [InlineData("Gebäude 100% _klaar_", "gebaude 100% _klaar_")]
    [InlineData("Ελλάδα", "ελλάδα")]
    public void Folds_case_accents_and_whitespace(string text, string folded) =>
        ContractSearch.Fold(text).Should().Be(folded);

    [Fact]
    public void The_like_pattern_takes_its_wildcards_literally() =>
        ContractSearch.ContainsPattern(@"100%_a\b").Should().Be(@"%100\%\_a\\b%");
}
