using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>
/// A band of the kadernota's "uitkeringsduur" table: benefits that have run at least <see cref="FromYears"/> whole years
/// and less than <see cref="UntilYears"/> (null: no upper bound). So a benefit of exactly one year is in 1-2, not 0-1.
/// </summary>
public sealed record DurationBand(string Band, int FromYears, int? UntilYears);

public static class BenefitDuration
{
    /// <summary>The kadernota Werk 2021's bands: 0–1, 1–2, 2–3, 3–5 and more than 5 years.</summary>
    public static IReadOnlyList<DurationBand> Bands { get; } =
        [new("0-1", 0, 1), new("1-2", 1, 2), new("2-3", 2, 3), new("3-5", 3, 5), new("5+", 5, null)];

    /// <summary>
    /// The latest start date of a benefit that has run <paramref name="years"/> whole years on <paramref name="asOf"/>: the
    /// same calendar date that many years before (from 29 February: 28 February, NodaTime's PlusYears). A benefit since
    /// 2020-06-26 is one year old on 2021-06-26; one since 2020-02-29 on 2021-03-01, as NodaTime's Period counts it.
    /// </summary>
    public static LocalDate StartedBy(LocalDate asOf, int years) => asOf.PlusYears(-years);

    /// <summary>The index in <see cref="Bands"/> of a benefit started on <paramref name="since"/>, on <paramref name="asOf"/> (not before since).</summary>
    public static int BandOf(LocalDate since, LocalDate asOf)
    {
        for (var i = 0; i < Bands.Count; i++)
            if (Bands[i].UntilYears is not { } until || since > StartedBy(asOf, until))
                return i;
        throw new InvalidOperationException("The last band has no upper bound.");
    }
}

/// <summary>Where a benefit recipient counts in the stock on a date.</summary>
public sealed record StockEntry(BenefitAct BenefitAct, bool ServedByWsp, int Trede, int Band);

/// <summary>
/// The benefit stock on a date (kadernota Werk 2021, Rijswijk, "hoelang inwoners een bijstandsuitkering ontvangen"): the
/// candidates registered on or before it, of target group participatiewet (the municipal benefits: Participatiewet,
/// IOAW, IOAZ), whose benefit started on or before it and had not ended on or before it; by the act, the WSP's service
/// and the trede in force on it, and by how long the benefit had run (<see cref="BenefitDuration"/>, from benefitSince:
/// a change of act does not restart it).
/// </summary>
public static class BenefitStock
{
    public static StockEntry? On(CandidateState state, LocalDate asOf) =>
        state.Exists && state.RegisteredOn <= asOf && state.TargetGroup == TargetGroup.Participatiewet && state.HasBenefitOn(asOf)
            ? new(state.BenefitActOn(asOf), state.ServedByWspOn(asOf), state.TredeOn(asOf), BenefitDuration.BandOf(state.BenefitSince!.Value, asOf))
            : null;
}

/// <summary>Where a client counts in the WSP's caseload on a date.</summary>
public sealed record CaseloadEntry(int Trede, bool WithBenefit);

/// <summary>
/// The WSP's caseload on a date (uitvoeringsagenda 2023: "589 cliënten die wij richting de arbeidsmarkt begeleiden"): the
/// candidates registered on or before it whom the WSP served on it (served unless a wsp-service change says otherwise),
/// of any target group, by the trede in force and by whether they received a benefit on it (any benefit; none: the
/// "niet-uitkeringsgerechtigden"). A benefit that ended does not end the guidance: the WSP records that it stopped.
/// </summary>
public static class Caseload
{
    public static CaseloadEntry? On(CandidateState state, LocalDate asOf) =>
        state.Exists && state.RegisteredOn <= asOf && state.ServedByWspOn(asOf)
            ? new(state.TredeOn(asOf), state.HasBenefitOn(asOf))
            : null;
}

/// <summary>A percentage as the municipalities publish it: one decimal, rounded half away from zero; null of nothing.</summary>
public static class Percentages
{
    public static decimal? Of(long count, long total) =>
        total == 0 ? null : decimal.Round(count * 100m / total, 1, MidpointRounding.AwayFromZero);
}
