using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>
/// What a report is worth, computed once when it is reported and recorded in the event: the value, the
/// table version that produced it and a readable breakdown whose amounts add up to the value.
/// </summary>
/// <param name="CountedDays">Days of the period that counted for the candidate (person-based kinds); they use up the cap.</param>
/// <param name="ExcessDays">Days beyond the cap, valued €0.</param>
public sealed record Valuation(Money Value, string TableVersion, IReadOnlyList<ValuationLine> Breakdown, int CountedDays, int ExcessDays)
{
    public bool GrantedHiredAfterVsoBonus => Breakdown.Any(l => l.Item == ValuationItems.HiredAfterVsoInternship && l.Amount > Money.Zero);
}

/// <param name="Item">A stable name for the line: the block (<c>participatiewet</c>), a bonus, <c>cap</c>, …</param>
public sealed record ValuationLine(string Item, string Description, Money Amount)
{
    /// <summary>
    /// For a line valued pro rata (a block or a bonus by hours and days): its value in cents before rounding, to six
    /// decimals. A candidate's lines of one item are rounded together (see <see cref="FulfilmentValuer"/>), so the
    /// earlier lines' unrounded values are what the next report's amount is allocated from. Null on other lines, and on
    /// lines recorded before it was kept (their amount is then taken as their value); left out of the event when null, so
    /// the events recorded before it read and hash as they always did.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public decimal? UnroundedCents { get; init; }
}

/// <summary>The item names of breakdown lines that are not a block.</summary>
public static class ValuationItems
{
    public const string Age55Plus = "bonus-age-55-plus";
    public const string WorkLimitation = "bonus-work-limitation";
    public const string HiredAfterVsoInternship = "bonus-hired-after-vso-internship";
    public const string Cap = "cap";
    public const string NoBlock = "no-block";
    public const string SocialProcurement = "social-procurement";
    public const string Training = "training";
    public const string SocialActivity = "social-activity";
}
