namespace Sroi.Ledger.Domain.Candidates;

/// <summary>What kind of work a placement is. Serialised in kebab case (beschut-werk, self-employed).</summary>
public enum PlacementKind
{
    Regular,

    /// <summary>A job under the banenafspraak (jobs agreement).</summary>
    Garantiebaan,

    /// <summary>Sheltered employment.</summary>
    BeschutWerk,

    /// <summary>A work-experience place (WEP).</summary>
    Werkervaringsplaats,

    Leerwerkplek,

    /// <summary>The candidate works for their own business; no employer is recorded (see <see cref="PlacementKinds.RecordsEmployer"/>).</summary>
    SelfEmployed,
}

public static class PlacementKinds
{
    /// <summary>
    /// Whether a placement of this kind records its employer. A self-employed candidate's "employer" is their own
    /// business, and a one-person business's KvK number and trade name lead straight to the person: an event may
    /// never identify a candidate, so none is recorded (and such a placement counts for no employer).
    /// </summary>
    public static bool RecordsEmployer(PlacementKind kind) => kind != PlacementKind.SelfEmployed;
}

/// <summary>How the work was found. <see cref="Sroi"/> needs the SROI contract it was found under.</summary>
public enum PlacementChannel
{
    Wsp,
    Sroi,
    JobMarket,
    TempAgency,
    Matcher,
    Other,
}

/// <summary>Why a benefit ended: income from work (uitstroom naar werk) or anything else.</summary>
public enum BenefitEndReason
{
    WorkIncome,
    Other,
}

/// <summary>The participatieladder: trede 1 (zorg) to 6 (nazorg).</summary>
public static class Participatieladder
{
    public const int Lowest = 1;
    public const int Highest = 6;

    public static bool IsTrede(int trede) => trede is >= Lowest and <= Highest;
}

/// <summary>A placement counts fulltime at 36 hours a week or more, unless the WSP says otherwise.</summary>
public static class WorkingHours
{
    public const decimal FullTimeFrom = 36m;
    public const decimal MaxPerWeek = 60m;

    public static bool DefaultFullTime(decimal hoursPerWeek) => hoursPerWeek >= FullTimeFrom;

    /// <summary>Above 0, at most 60 (the legal maximum of a working week), at most two decimals.</summary>
    public static bool AreValid(decimal hoursPerWeek) =>
        hoursPerWeek is > 0 and <= MaxPerWeek && decimal.Round(hoursPerWeek, 2) == hoursPerWeek;
}
