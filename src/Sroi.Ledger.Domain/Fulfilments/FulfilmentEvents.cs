using NodaTime;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>Who reported: the contractor itself, or the WSP on its behalf. Only the reporter may withdraw.</summary>
public enum Reporter
{
    Opdrachtnemer,
    Wsp,
}

/// <summary>
/// <c>contract.fulfilment-reported.v1</c>: a report, valued at once; <paramref name="Replaces"/> is set when it
/// corrects an earlier report. A pending or rejected report no longer counts from then on; an accepted one keeps counting
/// until the correction is accepted (<see cref="FulfilmentDecider.Evolve"/>). Both stay in the history.
/// </summary>
public sealed record FulfilmentReported(
    Guid FulfilmentId,
    Reporter ReportedBy,
    FulfilmentReport Report,
    Valuation Valuation,
    LocalDate ReportedOn,
    Guid? Replaces) : IContractEvent;

/// <summary><c>contract.fulfilment-accepted.v1</c>: the SROI coordinator accepted the report; its value now counts as fulfilled.</summary>
public sealed record FulfilmentAccepted(Guid FulfilmentId, LocalDate ReviewedOn, string? Note) : IContractEvent;

/// <summary><c>contract.fulfilment-rejected.v1</c>: the SROI coordinator rejected the report, with the reason.</summary>
public sealed record FulfilmentRejected(Guid FulfilmentId, LocalDate ReviewedOn, string Reason) : IContractEvent;

/// <summary><c>contract.fulfilment-withdrawn.v1</c>: the reporter took a pending report back.</summary>
public sealed record FulfilmentWithdrawn(Guid FulfilmentId, LocalDate WithdrawnOn, string? Reason) : IContractEvent;
