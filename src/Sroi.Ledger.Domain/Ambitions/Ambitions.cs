using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Ambitions;

/// <summary>
/// A municipality sets, for a year, how many placements it aims for (in total, through SROI, and per placement kind:
/// Leiden's 15 beschutte werkplekken a year). One stream per municipality: setting a year again replaces that year's
/// ambition whole, and the history keeps every earlier value.
/// </summary>
/// <param name="ByKind">Null or empty: no ambition per kind that year.</param>
public sealed record SetAmbition(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements,
    IReadOnlyList<KindAmbition>? ByKind = null);

/// <summary><c>ambition.set.v1</c>. A null figure means no ambition for it that year, and no ambition per kind either.</summary>
public sealed record AmbitionSet(MunicipalityCode Municipality, int Year, int? Placements, int? SroiPlacements);

/// <summary>
/// <c>ambition.kinds-set.v1</c>: the year's ambition per placement kind. Appended right after the year's
/// <c>ambition.set.v1</c>, in the same append: a set without it means no ambition per kind, as it always did.
/// </summary>
public sealed record AmbitionKindsSet(MunicipalityCode Municipality, int Year, IReadOnlyList<KindAmbition> ByKind);

/// <summary>How many placements of one kind a year aims for.</summary>
public sealed record KindAmbition(PlacementKind Kind, int Placements);

public static class AmbitionDecider
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The year's ambition (every figure of the command checked, per kind too); <see cref="ByKind"/> adds what follows it.</summary>
    public static AmbitionSet Decide(SetAmbition command)
    {
        if (command.Year is < FirstYear or > LastYear)
            throw new RuleViolation("ambition.year-out-of-range", $"An ambition is for a year from {FirstYear} to {LastYear}.", "year");
        var byKind = command.ByKind ?? [];
        if (command.Placements is null && command.SroiPlacements is null && byKind.Count == 0)
            throw new RuleViolation("ambition.empty", "Give placements, sroiPlacements or both (or byKind).", "placements");
        if (command.Placements < 0)
            throw new RuleViolation("ambition.negative", "An ambition is 0 or more.", "placements");
        if (command.SroiPlacements < 0)
            throw new RuleViolation("ambition.negative", "An ambition is 0 or more.", "sroiPlacements");
        foreach (var kind in byKind.Where(k => k.Placements < 0))
            throw new RuleViolation("ambition.negative", "An ambition is 0 or more.", $"byKind.{kind.Kind}");
        if (byKind.GroupBy(k => k.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new RuleViolation("ambition.kind-twice", $"One ambition per kind; {twice.Key} is given twice.", "byKind");
        return new AmbitionSet(command.Municipality, command.Year, command.Placements, command.SroiPlacements);
    }

    /// <summary>The event that follows <see cref="Decide"/>'s in the same append when the command sets ambitions per kind.</summary>
    public static AmbitionKindsSet? ByKind(SetAmbition command) => command.ByKind is { Count: > 0 } byKind
        ? new AmbitionKindsSet(command.Municipality, command.Year, [.. byKind.OrderBy(k => k.Kind)])
        : null;
}
