using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// The stable names of the events of a contract stream: the contract itself, the reports on it and its
/// settlement. A name is never reused for another shape.
/// </summary>
public static class ContractEventTypes
{
    public const string Registered = "contract.registered.v1";
    public const string Amended = "contract.amended.v1";
    public const string Completed = "contract.completed.v1";
    public const string FulfilmentReported = "contract.fulfilment-reported.v1";
    public const string FulfilmentAccepted = "contract.fulfilment-accepted.v1";
    public const string FulfilmentRejected = "contract.fulfilment-rejected.v1";
    public const string FulfilmentWithdrawn = "contract.fulfilment-withdrawn.v1";
    public const string Settled = "contract.settled.v1";
    public const string ParticipantsRecorded = "contract.participants-recorded.v1";
    public const string PlanSubmitted = "contract.plan-submitted.v1";
    public const string PlanApproved = "contract.plan-approved.v1";
    public const string PlanReturned = "contract.plan-returned.v1";
    public const string PsoApplied = "contract.pso-applied.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } =
    [
        (typeof(ContractRegistered), Registered), (typeof(ContractAmended), Amended), (typeof(ContractCompleted), Completed),
        (typeof(Domain.Fulfilments.FulfilmentReported), FulfilmentReported), (typeof(Domain.Fulfilments.FulfilmentAccepted), FulfilmentAccepted),
        (typeof(Domain.Fulfilments.FulfilmentRejected), FulfilmentRejected), (typeof(Domain.Fulfilments.FulfilmentWithdrawn), FulfilmentWithdrawn),
        (typeof(ObligationSettled), Settled),
        (typeof(ContractParticipantsRecorded), ParticipantsRecorded),
        (typeof(Domain.Plans.PlanSubmitted), PlanSubmitted), (typeof(Domain.Plans.PlanApproved), PlanApproved),
        (typeof(Domain.Plans.PlanReturned), PlanReturned),
        (typeof(Domain.Pso.ContractPsoApplied), PsoApplied),
    ];

    public static StreamId StreamOf(Guid contractId) => new($"contract-{contractId}");

    public static string NameOf(IContractEvent e) => e switch
    {
        ContractRegistered => Registered,
        ContractAmended => Amended,
        ContractCompleted => Completed,
        Domain.Fulfilments.FulfilmentReported => FulfilmentReported,
        Domain.Fulfilments.FulfilmentAccepted => FulfilmentAccepted,
        Domain.Fulfilments.FulfilmentRejected => FulfilmentRejected,
        Domain.Fulfilments.FulfilmentWithdrawn => FulfilmentWithdrawn,
        ObligationSettled => Settled,
        ContractParticipantsRecorded => ParticipantsRecorded,
        Domain.Plans.PlanSubmitted => PlanSubmitted,
        Domain.Plans.PlanApproved => PlanApproved,
        Domain.Plans.PlanReturned => PlanReturned,
        Domain.Pso.ContractPsoApplied => PsoApplied,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Contract event without a stable name."),
    };

    // Serialised as its runtime type: the stored shape is exactly the event record's constructor parameters.
    public static string Serialize(IContractEvent e) => EventJson.Serialize<object>(e);

    public static IContractEvent Deserialize(string type, string json) => type switch
    {
        Registered => EventJson.Deserialize<ContractRegistered>(json),
        Amended => EventJson.Deserialize<ContractAmended>(json),
        Completed => EventJson.Deserialize<ContractCompleted>(json),
        FulfilmentReported => EventJson.Deserialize<Domain.Fulfilments.FulfilmentReported>(json),
        FulfilmentAccepted => EventJson.Deserialize<Domain.Fulfilments.FulfilmentAccepted>(json),
        FulfilmentRejected => EventJson.Deserialize<Domain.Fulfilments.FulfilmentRejected>(json),
        FulfilmentWithdrawn => EventJson.Deserialize<Domain.Fulfilments.FulfilmentWithdrawn>(json),
        Settled => EventJson.Deserialize<ObligationSettled>(json),
        ParticipantsRecorded => EventJson.Deserialize<ContractParticipantsRecorded>(json),
        PlanSubmitted => EventJson.Deserialize<Domain.Plans.PlanSubmitted>(json),
        PlanApproved => EventJson.Deserialize<Domain.Plans.PlanApproved>(json),
        PlanReturned => EventJson.Deserialize<Domain.Plans.PlanReturned>(json),
        PsoApplied => EventJson.Deserialize<Domain.Pso.ContractPsoApplied>(json),
        _ => throw new InvalidOperationException($"Unknown contract event type '{type}'."),
    };
}
