using NodaTime;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Regions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>What procurement asked for the SROI clause of a contract.</summary>
public abstract record SroiChoice
{
    private SroiChoice() { }

    /// <summary>Whatever the municipality's policy on the award date says.</summary>
    public sealed record FollowPolicy : SroiChoice;

    public sealed record Percentage(decimal Value, string? Reason) : SroiChoice;

    public sealed record Exemption(string Reason) : SroiChoice;
}

/// <param name="PolicyInForce">The municipality's policy version in force on the award date, looked up by the caller.</param>
public sealed record RegisterContract(
    Guid ContractId,
    MunicipalityCode Municipality,
    string Reference,
    string Title,
    ContractCategory Category,
    Money ContractValue,
    Contractor Contractor,
    LocalDate AwardedOn,
    LocalDate StartsOn,
    LocalDate EndsOn,
    ContractScope Scope,
    SroiChoice Sroi,
    SroiPolicyVersion? PolicyInForce)
{
    /// <summary>A regional contract's participating municipalities as registered (the lead among them); empty: the lead alone.</summary>
    public IReadOnlyList<MunicipalityCode> Participants { get; init; } = [];

    /// <summary>The regions the participants must all be members of one of, looked up by the caller (shipped data).</summary>
    public IReadOnlyList<RegionHistory> Regions { get; init; } = [];
}

public sealed record AmendContractValue(Money NewValue, LocalDate EffectiveOn, string Reason);

/// <param name="Today">The business date now, in the municipality's time zone, passed in so the decider stays pure.</param>
public sealed record CompleteContract(LocalDate CompletedOn, LocalDate Today);
