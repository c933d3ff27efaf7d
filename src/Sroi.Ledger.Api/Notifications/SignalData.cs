using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Notifications;

// The `data` of each notification type. They are part of the API: add members, never rename or remove one.

/// <summary><c>sroi-contract.registered</c>: the obligation as registered or amended, and the building-block table in force that day.</summary>
public sealed record ContractAnnounced(
    string Change,
    string Reference,
    string Title,
    Contractor Contractor,
    LocalDate StartsOn,
    LocalDate EndsOn,
    Money ContractValue,
    Money Obligation,
    decimal Percentage,
    string? PolicyVersion,
    BuildingBlockTableRef? BuildingBlockTable)
{
    public static ContractAnnounced Of(string change, ContractState contract, BuildingBlockTable? table) => new(
        change, contract.Reference, contract.Title, contract.Contractor!, contract.StartsOn, contract.EndsOn, contract.ContractValue,
        contract.Obligation!.Amount, contract.Obligation.Percentage, contract.Obligation.PolicyVersion,
        table is null ? null : new BuildingBlockTableRef(table.Version, table.EffectiveFrom, table.Name));
}

public sealed record BuildingBlockTableRef(int Version, LocalDate EffectiveFrom, string Name);

/// <summary><c>fulfilment.reported</c>: a report waiting for the WSP's review.</summary>
public sealed record FulfilmentReportedData(
    Guid FulfilmentId, string Reference, FulfilmentKind Kind, LocalDate ReportedOn, Money ReportedValue, Guid? Replaces, Reporter ReportedBy);

/// <summary><c>fulfilment.reviewed</c>: the WSP's decision with its reason, and the balance after it.</summary>
public sealed record FulfilmentReviewedData(
    Guid FulfilmentId, string Reference, FulfilmentKind Kind, string Decision, string? Reason, LocalDate ReviewedOn,
    Money ReportedValue, Money Obligation, Money Accepted, Money Remaining);

/// <summary><c>contract.behind</c>, <c>contract.overdue</c>, <c>settlement.due</c>: where the contract stands, and since when.</summary>
public sealed record BehindData(
    string Reference, LocalDate Since, LocalDate StartsOn, LocalDate EndsOn, Money Obligation, Money Accepted, Money Pending, Money Remaining)
{
    public static BehindData Of(ContractState contract, ContractBalance balance, LocalDate since) => new(
        contract.Reference, since, contract.StartsOn, contract.EndsOn, balance.Obligation, balance.Accepted, balance.Pending, balance.Remaining);
}

/// <summary><c>plan.behind</c>: a line of the plan in force ended on <paramref name="To"/> with less realised than planned.</summary>
public sealed record PlanBehindData(
    string Reference, int PlanRevision, Domain.Fulfilments.FulfilmentKind Kind, Domain.BuildingBlocks.BuildingBlockCode? Block,
    LocalDate From, LocalDate To, Domain.Plans.PlanUnit Unit, decimal Planned, decimal Realised, LocalDate Since);

/// <summary><c>report.due</c>: an interval of the reporting rhythm passed without a report in it.</summary>
public sealed record ReportDueData(string Reference, LocalDate IntervalStart, LocalDate IntervalEnd, int ReportingIntervalMonths);
