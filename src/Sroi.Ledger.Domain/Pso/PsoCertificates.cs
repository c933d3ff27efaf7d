using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Pso;

/// <summary>
/// The steps of the Prestatieladder Socialer Ondernemen (PSO, TNO's method, certified by accredited bodies): the
/// aspirant status and treden 1 to 3. PSO's "30+" mark is not a step and is not kept. Serialised in kebab case
/// (aspirant, trede1, trede2, trede3).
/// </summary>
public enum PsoLevel
{
    Aspirant,
    Trede1,
    Trede2,
    Trede3,
}

/// <summary>
/// One PSO certificate of a contractor (or supplier) as the municipality's WSP verified it. Numbered 1, 2, … within the
/// organisation's stream in the municipality; a correction replaces its terms, a withdrawal takes it out of every figure.
/// </summary>
/// <param name="ValidTo">The last day it is valid (included).</param>
public sealed record PsoCertificate(int Number, PsoLevel Level, LocalDate ValidFrom, LocalDate ValidTo, string? CertificateNumber, bool Withdrawn)
{
    public bool ValidOn(LocalDate date) => !Withdrawn && ValidFrom <= date && date <= ValidTo;

    public bool Overlaps(LocalDate from, LocalDate to) => !Withdrawn && ValidFrom <= to && from <= ValidTo;
}

/// <summary>The certificates one municipality's WSP recorded for one organisation (KvK number).</summary>
public sealed record PsoCertificates(KvkNumber Organisation, IReadOnlyList<PsoCertificate> Items)
{
    /// <summary>The certificate valid on the date; certificates in force never overlap, so there is at most one.</summary>
    public PsoCertificate? ValidOn(LocalDate date) => Items.FirstOrDefault(c => c.ValidOn(date));

    public PsoCertificate? Find(int number) => Items.FirstOrDefault(c => c.Number == number);
}

/// <summary>The WSP records a certificate it verified.</summary>
public sealed record RecordPsoCertificate(KvkNumber Organisation, PsoLevel Level, LocalDate ValidFrom, LocalDate ValidTo, string? CertificateNumber);

/// <summary>The WSP corrects a recorded certificate: its terms as they should have been.</summary>
public sealed record CorrectPsoCertificate(KvkNumber Organisation, int Number, PsoLevel Level, LocalDate ValidFrom, LocalDate ValidTo, string? CertificateNumber);

/// <summary>Event <c>pso-certificate.recorded.v1</c>.</summary>
public sealed record PsoCertificateRecorded(KvkNumber Organisation, int Number, PsoLevel Level, LocalDate ValidFrom, LocalDate ValidTo, string? CertificateNumber);

/// <summary>Event <c>pso-certificate.corrected.v1</c>: the certificate's terms replaced whole.</summary>
public sealed record PsoCertificateCorrected(KvkNumber Organisation, int Number, PsoLevel Level, LocalDate ValidFrom, LocalDate ValidTo, string? CertificateNumber);

/// <summary>Event <c>pso-certificate.withdrawn.v1</c>: recorded in error or revoked; the reason is in the event's metadata.</summary>
public sealed record PsoCertificateWithdrawn(KvkNumber Organisation, int Number);

public static class PsoCertificateDecider
{
    /// <summary>The longest a PSO certificate runs is three years; ten is far beyond any, and keeps a typo out.</summary>
    public const int MaxYears = 10;

    public static PsoCertificateRecorded Decide(RecordPsoCertificate command, PsoCertificates? state)
    {
        CheckTerm(command.ValidFrom, command.ValidTo);
        CheckNoOverlap(state, null, command.ValidFrom, command.ValidTo);
        var number = state is null || state.Items.Count == 0 ? 1 : state.Items.Max(c => c.Number) + 1;
        return new(command.Organisation, number, command.Level, command.ValidFrom, command.ValidTo, command.CertificateNumber);
    }

    public static PsoCertificateCorrected Decide(CorrectPsoCertificate command, PsoCertificate certificate, PsoCertificates state)
    {
        if (certificate.Withdrawn)
            throw new RuleViolation("pso-certificate.withdrawn", $"Certificate {certificate.Number} was withdrawn; record a new one instead.");
        CheckTerm(command.ValidFrom, command.ValidTo);
        CheckNoOverlap(state, certificate.Number, command.ValidFrom, command.ValidTo);
        return new(command.Organisation, command.Number, command.Level, command.ValidFrom, command.ValidTo, command.CertificateNumber);
    }

    public static PsoCertificateWithdrawn Withdraw(PsoCertificate certificate, PsoCertificates state) => certificate.Withdrawn
        ? throw new RuleViolation("pso-certificate.withdrawn", $"Certificate {certificate.Number} was already withdrawn.")
        : new(state.Organisation, certificate.Number);

    public static PsoCertificates Evolve(PsoCertificates? state, object e) => e switch
    {
        PsoCertificateRecorded r => new(r.Organisation,
            [.. state?.Items ?? [], new PsoCertificate(r.Number, r.Level, r.ValidFrom, r.ValidTo, r.CertificateNumber, false)]),
        PsoCertificateCorrected c => state! with
        {
            Items = [.. state.Items.Select(i => i.Number == c.Number ? i with { Level = c.Level, ValidFrom = c.ValidFrom, ValidTo = c.ValidTo, CertificateNumber = c.CertificateNumber } : i)],
        },
        PsoCertificateWithdrawn w => state! with { Items = [.. state.Items.Select(i => i.Number == w.Number ? i with { Withdrawn = true } : i)] },
        _ => state ?? throw new InvalidOperationException($"{e.GetType().Name} is not a PSO certificate event."),
    };

    private static void CheckTerm(LocalDate from, LocalDate to)
    {
        // The API answers these as 400 before deciding; the rule stands here for every other caller.
        if (to < from)
            throw new RuleViolation("pso-certificate.ends-before-start", "validTo is on or after validFrom.", "validTo");
        if (to > from.PlusYears(MaxYears))
            throw new RuleViolation("pso-certificate.too-long", $"A PSO certificate runs at most {MaxYears} years.", "validTo");
    }

    // Two certificates in force on one day would make the level of that day ambiguous: the WSP corrects or withdraws one.
    private static void CheckNoOverlap(PsoCertificates? state, int? except, LocalDate from, LocalDate to)
    {
        if (state?.Items.FirstOrDefault(c => c.Number != except && c.Overlaps(from, to)) is { } other)
            throw new RuleViolation("pso-certificate.overlaps",
                $"Certificate {other.Number} ({other.ValidFrom:yyyy-MM-dd} to {other.ValidTo:yyyy-MM-dd}) is valid in that term; correct or withdraw it first.",
                "validFrom");
    }
}
