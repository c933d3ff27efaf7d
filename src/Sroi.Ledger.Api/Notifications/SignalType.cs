namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// The stable names of the notifications the ledger sends, and who gets each: the WSP of the contract's municipality,
/// the contractor of the contract, or both; the audit signals go to the municipality's auditors (and admins). A subscription
/// may only ask for the types its subscriber gets.
/// </summary>
public static class SignalType
{
    public const string ContractRegistered = "sroi-contract.registered";
    public const string FulfilmentReported = "fulfilment.reported";
    public const string FulfilmentReviewed = "fulfilment.reviewed";
    public const string ContractBehind = "contract.behind";
    public const string ContractOverdue = "contract.overdue";
    public const string SettlementDue = "settlement.due";
    public const string ReportDue = "report.due";
    public const string PlanBehind = "plan.behind";
    public const string CheckpointSigned = "checkpoint.signed";
    public const string CheckpointRefused = "checkpoint.refused";

    /// <summary>Every type, in the order the README lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ContractRegistered, FulfilmentReported, FulfilmentReviewed, ContractBehind, ContractOverdue, SettlementDue, ReportDue, CheckpointSigned, CheckpointRefused,
         PlanBehind];

    public static IReadOnlyList<string> ToWsp { get; } = [ContractRegistered, FulfilmentReported, ContractBehind, ContractOverdue, SettlementDue, PlanBehind];

    public static IReadOnlyList<string> ToContractor { get; } = [ContractRegistered, FulfilmentReviewed, ContractBehind, ContractOverdue, ReportDue, PlanBehind];

    /// <summary>Auditing/Checkpoints: a checkpoint as it is signed (a copy to keep), or why none was.</summary>
    public static IReadOnlyList<string> ToAuditor { get; } = [CheckpointSigned, CheckpointRefused];

    public static bool GoesToWsp(string type) => ToWsp.Contains(type);

    public static bool GoesToAuditor(string type) => ToAuditor.Contains(type);

    public static bool GoesToContractor(string type) => ToContractor.Contains(type);
}
