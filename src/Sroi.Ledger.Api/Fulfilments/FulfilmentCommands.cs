using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>What the report endpoints share: who reports, and an answer that shows the report rather than the contract.</summary>
public static class FulfilmentCommands
{
    /// <summary>The reporting party: only contractors and the WSP reach the report endpoints.</summary>
    public static Reporter ReporterOf(Caller caller) => caller.Role == Role.Opdrachtnemer ? Reporter.Opdrachtnemer : Reporter.Wsp;

    public static string Location(Guid contractId, Guid reportId) => $"/api/v1/contracts/{contractId}/fulfilments/{reportId}";

    /// <summary>A command on an existing report of the contract: 404 when the contract has no such report; answered with the report.</summary>
    public static ContractCommand OnReport(Guid contractId, Guid reportId, byte[] fingerprint, string? reason,
        Func<ContractState, IReadOnlyList<IContractEvent>> decide) =>
        new(contractId, RegistersNewContract: false, fingerprint, reason, decide, StatusCodes.Status200OK)
        {
            FulfilmentId = reportId,
            Answer = state => new ContractAnswer(FulfilmentView.Json(state.Id, state.Fulfilments[reportId]), null),
        };

    /// <summary>A new report (or a correction's replacement): 201 with the report and its Location; retried when another write wins.</summary>
    public static ContractCommand NewReport(Guid contractId, Guid newReportId, byte[] fingerprint, Guid? correcting,
        Func<ContractState, IReadOnlyList<IContractEvent>> decide) =>
        new(contractId, RegistersNewContract: false, fingerprint, null, decide, StatusCodes.Status201Created)
        {
            FulfilmentId = correcting,
            RetryOnConflict = true,
            Answer = state => new ContractAnswer(
                FulfilmentView.Json(state.Id, state.Fulfilments[newReportId]), Location(state.Id, newReportId)),
        };

    public static LocalDate ValuationDate(FulfilmentReport report, LocalDate today) => report.ValuationDate ?? today;
}
