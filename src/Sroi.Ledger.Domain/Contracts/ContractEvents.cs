using NodaTime;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>Everything that can happen to a contract stream. Stored shapes never change: a new shape is a new event.</summary>
public interface IContractEvent;

public sealed record Contractor(KvkNumber KvkNumber, string Name);

/// <summary><c>contract.registered.v1</c>: procurement registered an awarded contract and its obligation.</summary>
public sealed record ContractRegistered(
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
    ObligationBasis Basis,
    Obligation Obligation) : IContractEvent;

/// <summary>
/// <c>contract.participants-recorded.v1</c>: a regional contract's participating municipalities (the lead, the registering
/// municipality, first), all members of <paramref name="Region"/> as its version <paramref name="RegionVersion"/> says.
/// Appended with <c>contract.registered.v1</c>, in the same append, so that shape stays as it was.
/// </summary>
public sealed record ContractParticipantsRecorded(string Region, string RegionVersion, IReadOnlyList<MunicipalityCode> Participants) : IContractEvent;

/// <summary><c>contract.amended.v1</c>: the contract value changed (meerwerk / minderwerk) from a date on.</summary>
public sealed record ContractAmended(
    Money PreviousValue,
    Money NewValue,
    LocalDate EffectiveOn,
    string Reason,
    Obligation Obligation) : IContractEvent;

/// <summary><c>contract.completed.v1</c>: the work under the contract ended.</summary>
public sealed record ContractCompleted(LocalDate CompletedOn) : IContractEvent;
