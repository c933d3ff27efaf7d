using NodaTime;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>A candidate as the API shows it, folded from the stream: trede history, benefit and placements.</summary>
public sealed record CandidateResponse(
    CandidateNumber CandidateNumber,
    MunicipalityCode Municipality,
    LocalDate RegisteredOn,
    TargetGroup TargetGroup,
    int Trede,
    LocalDate? BenefitSince,
    BenefitEndResponse? BenefitEnded,
    IReadOnlyList<TredeResponse> Treden,
    IReadOnlyList<PlacementResponse> Placements,
    long Version);

/// <summary>One trede the candidate held: from registration (<see cref="From"/> null) or from a change.</summary>
public sealed record TredeResponse(int Trede, int? From, LocalDate EffectiveOn, string? Reason);

public sealed record BenefitEndResponse(LocalDate EffectiveOn, BenefitEndReason Reason);

/// <param name="CountsInYear">The year of the (corrected) start date; null once withdrawn, since it counts nowhere.</param>
public sealed record PlacementResponse(
    Guid Id,
    Employer? Employer,
    LocalDate StartedOn,
    int? CountsInYear,
    decimal HoursPerWeek,
    bool FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    SroiContractRef? SroiContract,
    LocalDate? EndedOn,
    string? EndReason,
    IReadOnlyList<string> CorrectionReasons,
    string? WithdrawalReason,
    long Version);

public static class CandidateView
{
    /// <summary>The view after all <paramref name="events"/>; <paramref name="version"/> is the stream version they bring it to.</summary>
    public static CandidateResponse From(IEnumerable<ICandidateEvent> events, long version)
    {
        CandidateResponse? view = null;
        foreach (var e in events)
        {
            view = e switch
            {
                CandidateRegistered r => new CandidateResponse(r.CandidateNumber, r.Municipality, r.RegisteredOn, r.TargetGroup, r.Trede,
                    r.BenefitSince, null, [new TredeResponse(r.Trede, null, r.RegisteredOn, null)], [], 0),
                TredeChanged t => Existing(view) with { Trede = t.To, Treden = [.. Existing(view).Treden, new TredeResponse(t.To, t.From, t.EffectiveOn, t.Reason)] },
                PlacementRecorded p => Existing(view) with
                {
                    Placements = [.. Existing(view).Placements, new PlacementResponse(p.PlacementId, p.Employer, p.StartedOn, p.StartedOn.Year,
                        p.HoursPerWeek, p.FullTime, p.Kind, p.Channel, p.SroiContract, null, null, [], null, 0)],
                },
                PlacementEnded p => Replace(Existing(view), p.PlacementId, old => old with { EndedOn = p.EndedOn, EndReason = p.Reason }),
                PlacementCorrected p => Replace(Existing(view), p.PlacementId, old => old with
                {
                    StartedOn = p.StartedOn, CountsInYear = p.StartedOn.Year, HoursPerWeek = p.HoursPerWeek, FullTime = p.FullTime,
                    Kind = p.Kind, Channel = p.Channel, SroiContract = p.SroiContract, CorrectionReasons = [.. old.CorrectionReasons, p.Reason],
                }),
                PlacementWithdrawn p => Replace(Existing(view), p.PlacementId, old => old with { CountsInYear = null, WithdrawalReason = p.Reason }),
                BenefitEnded b => Existing(view) with { BenefitEnded = new BenefitEndResponse(b.EffectiveOn, b.Reason) },
                _ => throw new ArgumentOutOfRangeException(nameof(events), e.GetType().Name, "Unknown candidate event."),
            };
        }
        var final = Existing(view);
        // Placements carry the candidate's version too: it is the ETag of the stream they live in.
        return final with { Version = version, Placements = [.. final.Placements.Select(p => p with { Version = version })] };
    }

    private static CandidateResponse Replace(CandidateResponse view, Guid placementId, Func<PlacementResponse, PlacementResponse> change) =>
        view with { Placements = [.. view.Placements.Select(p => p.Id == placementId ? change(p) : p)] };

    private static CandidateResponse Existing(CandidateResponse? view) =>
        view ?? throw new InvalidOperationException("A candidate stream must start with candidate.registered.v1.");
}
