using NodaTime;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Domain.BuildingBlocks;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>The ways a contractor can fulfil its SROI obligation (invulling). Serialised in kebab case.</summary>
public enum FulfilmentKind
{
    Employment,
    Internship,
    Bbl,
    WorkExperience,
    SocialProcurement,
    Training,
    SocialActivity,
}

/// <summary>The school type of an intern: mbo/hbo and vso/PrO have different blocks.</summary>
public enum InternshipLevel
{
    Mbo,
    Hbo,
    Vso,
    Pro,
}

/// <summary>
/// A person from the target group working on the contract for a period, at some hours a week. The
/// candidate number is optional (a candidate not known to the municipality's WSP has none); without it the
/// cap per candidate cannot follow the person across reports.
/// </summary>
public sealed record WorkingPeriod(CandidateNumber? Candidate, decimal HoursPerWeek, LocalDate Start, LocalDate End)
{
    /// <summary>Both ends included.</summary>
    public int Days => Period.DaysBetween(Start, End) + 1;

    public bool Overlaps(WorkingPeriod other) => Start <= other.End && other.Start <= End;
}

public sealed record Supplier(KvkNumber KvkNumber, string Name, SupplierRecognition Recognition);

/// <summary>What a contractor (or the WSP on its behalf) reports; one shape per kind.</summary>
public abstract record FulfilmentReport
{
    private FulfilmentReport() { }

    public abstract FulfilmentKind Kind { get; }

    /// <summary>The business date that decides the table in force and must lie in the contract term: the period's start, the invoice date, the activity date.</summary>
    public abstract LocalDate? ValuationDate { get; }

    /// <summary>The person-based part, for the cap per candidate and the overlap check; null for purchases, training and activities.</summary>
    public virtual WorkingPeriod? Work => null;

    public sealed record Employment(WorkingPeriod Period, TargetGroup TargetGroup, bool Age55Plus, bool WorkLimitation, bool HiredAfterVsoInternship)
        : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.Employment;
        public override LocalDate? ValuationDate => Period.Start;
        public override WorkingPeriod Work => Period;
    }

    public sealed record Internship(WorkingPeriod Period, InternshipLevel Level) : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.Internship;
        public override LocalDate? ValuationDate => Period.Start;
        public override WorkingPeriod Work => Period;
    }

    /// <param name="Level">The mbo level, 1 to 4.</param>
    public sealed record Bbl(WorkingPeriod Period, int Level, bool Age55Plus, bool WorkLimitation) : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.Bbl;
        public override LocalDate? ValuationDate => Period.Start;
        public override WorkingPeriod Work => Period;
    }

    public sealed record WorkExperience(WorkingPeriod Period) : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.WorkExperience;
        public override LocalDate? ValuationDate => Period.Start;
        public override WorkingPeriod Work => Period;
    }

    public sealed record SocialProcurement(Supplier Supplier, string InvoiceNumber, LocalDate InvoiceDate, Money AmountExclVat) : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.SocialProcurement;
        public override LocalDate? ValuationDate => InvoiceDate;
    }

    /// <param name="Date">When the training took place; optional (the issue asks only for a description and the cost).</param>
    public sealed record Training(string Description, Money Cost, LocalDate? Date) : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.Training;
        public override LocalDate? ValuationDate => Date;
    }

    public sealed record SocialActivity(string Description, decimal Hours, LocalDate? Date) : FulfilmentReport
    {
        public override FulfilmentKind Kind => FulfilmentKind.SocialActivity;
        public override LocalDate? ValuationDate => Date;
    }
}
