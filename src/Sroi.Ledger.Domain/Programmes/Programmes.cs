using System.Text.RegularExpressions;
using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Programmes;

/// <summary>
/// A programme (traject) such as Rijswijk's "Meedoen Werkt": data a municipality records — code, name, period and the
/// outcomes it counts — one stream per municipality and code. Candidates are enrolled on it and reach its outcomes on
/// their own streams (<see cref="Candidates.EnrolledInProgramme"/>); the programme itself holds no one.
/// </summary>
public interface IProgrammeEvent;

/// <summary>The outcomes every programme may count; a programme may declare others of its own (kebab-case codes).</summary>
public static partial class ProgrammeCodes
{
    public static readonly IReadOnlyList<string> StandardOutcomes = ["first-talk", "activated", "to-work", "more-hours", "self-supporting"];

    public const int MaxLength = 40;
    public const string Pattern = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
    public const string Message = "A kebab-case code of at most 40 characters: lower-case letters and digits in words joined by '-', e.g. meedoen-werkt.";

    /// <summary>A programme or outcome code: kebab case, so it reads the same in a URL, a JSON key and a CSV column.</summary>
    public static bool IsCode(string? text) => text is { Length: > 0 and <= MaxLength } && Code().IsMatch(text);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}

public sealed record RegisterProgramme(
    MunicipalityCode Municipality, string Code, string Name, LocalDate StartsOn, LocalDate? EndsOn, IReadOnlyList<string> Outcomes);

/// <summary>Replaces name, end and outcomes as given (null: keep); the start and the code never change.</summary>
/// <param name="LatestEnrolment">The latest day a candidate was enrolled on the programme (enrolments live on the candidates'
/// streams, so the caller reads it); null: no one yet.</param>
/// <param name="LatestOutcome">The latest day an outcome of the programme was reached (read like <paramref name="LatestEnrolment"/>); null: none yet.</param>
public sealed record AmendProgramme(string? Name, LocalDate? EndsOn, IReadOnlyList<string>? Outcomes, string Reason, LocalDate? LatestEnrolment = null,
    LocalDate? LatestOutcome = null);

/// <summary><c>programme.registered.v1</c>.</summary>
/// <param name="EndsOn">Null: the programme runs on.</param>
/// <param name="Outcomes">The outcome codes it counts, in the order declared.</param>
public sealed record ProgrammeRegistered(
    MunicipalityCode Municipality, string Code, string Name, LocalDate StartsOn, LocalDate? EndsOn, IReadOnlyList<string> Outcomes) : IProgrammeEvent;

/// <summary><c>programme.amended.v1</c>: name, end and outcomes as they are after the amendment, so a reader never merges.</summary>
public sealed record ProgrammeAmended(string Name, LocalDate? EndsOn, IReadOnlyList<string> Outcomes, string Reason) : IProgrammeEvent;

public sealed record ProgrammeState(
    bool Exists, MunicipalityCode Municipality, string Code, string Name, LocalDate StartsOn, LocalDate? EndsOn, IReadOnlyList<string> Outcomes)
{
    public static ProgrammeState Initial { get; } = new(false, default, "", "", default, null, []);

    /// <summary>What a candidate command needs to know of the programme.</summary>
    public ProgrammeTerms Terms => new(Code, StartsOn, EndsOn, Outcomes);
}

/// <summary>A programme as the candidate rules see it: its period and the outcomes it counts.</summary>
public sealed record ProgrammeTerms(string Code, LocalDate StartsOn, LocalDate? EndsOn, IReadOnlyList<string> Outcomes)
{
    public bool Counts(string outcome) => Outcomes.Contains(outcome, StringComparer.Ordinal);
}

public static class ProgrammeDecider
{
    public const int MaxNameLength = 200;
    public const int MaxOutcomes = 20;

    public static ProgrammeRegistered Decide(RegisterProgramme command, ProgrammeState state)
    {
        if (state.Exists)
            throw new RuleViolation("programme.code-taken", $"Programme {command.Code} is already registered in {command.Municipality}.", "code");
        if (!ProgrammeCodes.IsCode(command.Code))
            throw new RuleViolation("programme.code-invalid", ProgrammeCodes.Message, "code");
        RequireName(command.Name);
        RequirePeriod(command.StartsOn, command.EndsOn);
        return new ProgrammeRegistered(command.Municipality, command.Code, command.Name.Trim(), command.StartsOn, command.EndsOn,
            RequireOutcomes(command.Outcomes));
    }

    public static ProgrammeAmended Decide(AmendProgramme command, ProgrammeState state)
    {
        if (!state.Exists)
            throw new RuleViolation("programme.not-registered", "The programme is not registered.");
        var name = command.Name?.Trim() ?? state.Name;
        RequireName(name);
        var endsOn = command.EndsOn ?? state.EndsOn;
        RequirePeriod(state.StartsOn, endsOn);
        // No one is enrolled after the programme ended (CandidateDecider), so an end may not move before an enrolment made.
        if (command.EndsOn is { } ends && command.LatestEnrolment is { } latest && ends < latest)
            throw new RuleViolation("programme.ends-before-enrolment",
                $"A candidate was enrolled on {latest:yyyy-MM-dd}; the programme cannot end before that.", "endsOn");
        // Nor is an outcome reached after it ended (CandidateDecider), so an end may not move before an outcome recorded.
        if (command.EndsOn is { } end && command.LatestOutcome is { } reached && end < reached)
            throw new RuleViolation("programme.ends-before-outcome",
                $"A candidate reached an outcome on {reached:yyyy-MM-dd}; the programme cannot end before that.", "endsOn");
        var outcomes = command.Outcomes is null ? state.Outcomes : RequireOutcomes(command.Outcomes);
        if (name == state.Name && endsOn == state.EndsOn && outcomes.SequenceEqual(state.Outcomes))
            throw new RuleViolation("programme.amendment-without-change", "The amendment changes nothing.");
        return new ProgrammeAmended(name, endsOn, outcomes, command.Reason);
    }

    public static ProgrammeState Evolve(ProgrammeState state, IProgrammeEvent @event) => @event switch
    {
        ProgrammeRegistered e => new ProgrammeState(true, e.Municipality, e.Code, e.Name, e.StartsOn, e.EndsOn, e.Outcomes),
        ProgrammeAmended e => state with { Name = e.Name, EndsOn = e.EndsOn, Outcomes = e.Outcomes },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown programme event."),
    };

    public static ProgrammeState Fold(IEnumerable<IProgrammeEvent> events) => events.Aggregate(ProgrammeState.Initial, Evolve);

    private static void RequireName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
            throw new RuleViolation("programme.name-invalid", $"A name of 1 to {MaxNameLength} characters.", "name");
    }

    private static void RequirePeriod(LocalDate startsOn, LocalDate? endsOn)
    {
        if (endsOn < startsOn)
            throw new RuleViolation("programme.ends-before-start", $"The programme starts on {startsOn:yyyy-MM-dd}; it cannot end before that.", "endsOn");
    }

    private static IReadOnlyList<string> RequireOutcomes(IReadOnlyList<string> outcomes)
    {
        if (outcomes.Count is 0 or > MaxOutcomes)
            throw new RuleViolation("programme.outcomes-count", $"A programme counts 1 to {MaxOutcomes} outcomes.", "outcomes");
        if (outcomes.FirstOrDefault(o => !ProgrammeCodes.IsCode(o)) is { } bad)
            throw new RuleViolation("programme.outcome-invalid", $"'{bad}': {ProgrammeCodes.Message}", "outcomes");
        if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            throw new RuleViolation("programme.outcome-twice", "Each outcome once.", "outcomes");
        return [.. outcomes];
    }
}
