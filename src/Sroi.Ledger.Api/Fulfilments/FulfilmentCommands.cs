using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>What the report endpoints share: who reports, and deciding on a report of a contract, answered with the report.</summary>
public static class FulfilmentCommands
{
    /// <summary>The reporting party: only contractors and the WSP reach the report endpoints.</summary>
    public static Reporter ReporterOf(Caller caller) => caller.Role == Role.Opdrachtnemer ? Reporter.Opdrachtnemer : Reporter.Wsp;

    public static string Location(Guid contractId, Guid reportId) => $"/api/v1/contracts/{contractId}/fulfilments/{reportId}";

    public static LocalDate ValuationDate(FulfilmentReport report, LocalDate today) => report.ValuationDate ?? today;

    /// <summary>
    /// A command on report <paramref name="reportId"/> of the contract (<paramref name="reportId"/> null: a new report):
    /// 404 when the contract is not there for the caller or has no such report; else the decision, answered by
    /// <paramref name="answer"/> from the contract after it.
    /// </summary>
    public static Decided<TAnswer> OnContract<TAnswer>(ContractDocument? document, long version, Caller caller, Guid contractId, Guid? reportId,
        Func<ContractState, IReadOnlyList<IContractEvent>> decide, ContractMoment moment, Func<ContractState, TAnswer> answer)
    {
        if (ContractWrites.Missing(document, caller, contractId) is { } missing) return missing;
        if (reportId is { } id && ContractWrites.MissingReport(document!.State, id) is { } noReport) return noReport;
        return ContractWrites.Decide(document!.State, version, decide(document.State), moment, (after, _) => answer(after));
    }

    /// <summary>A report as it is after the command: 200.</summary>
    public static Written<FulfilmentResponse> Report(ContractState after, Guid reportId) =>
        Answers.Changed(FulfilmentView.From(after.Id, after.Fulfilments[reportId]));

    /// <summary>A new report (or a correction's replacement): 201 with its Location.</summary>
    public static WrittenNew<FulfilmentResponse> NewReport(ContractState after, Guid reportId) =>
        Answers.Created(FulfilmentView.From(after.Id, after.Fulfilments[reportId]), Location(after.Id, reportId));
}
