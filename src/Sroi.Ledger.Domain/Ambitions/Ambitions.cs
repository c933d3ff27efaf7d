using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Ambitions;

/// <summary>
/// A municipality sets, for a year, how many placements it aims for (and how many through SROI). One stream per
/// municipality: setting a year again replaces that year's ambition, and the history keeps every earlier value.
/// </summary>
public sealed record SetAmbition(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements);

/// <summary><c>ambition.set.v1</c>. A null figure means no ambition for it that year.</summary>
public sealed record AmbitionSet(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements);

public static class AmbitionDecider
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static AmbitionSet Decide(SetAmbition command)
    {
        if (command.Year is < FirstYear or > LastYear)
            throw new RuleViolation("ambition.year-out-of-range", $"An ambition is for a year from {FirstYear} to {LastYear}.", "year");
        if (command.Placements is null && command.SroiPlacements is null)
            throw new RuleViolation("ambition.empty", "Give placements, sroiPlacements or both.", "placements");
        if (command.Placements < 0)
            throw new RuleViolation("ambition.negative", "An ambition is 0 or more.", "placements");
        if (command.SroiPlacements < 0)
            throw new RuleViolation("ambition.negative", "An ambition is 0 or more.", "sroiPlacements");
        return new AmbitionSet(command.Municipality, command.Year, command.Placements, command.SroiPlacements);
    }
}
