using NodaTime;
using Sroi.Ledger.Domain.BuildingBlocks;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <param name="Table">The contract municipality's building-block table in force on the report's date, looked up by the caller.</param>
/// <param name="Today">The business date now, passed in so the decider stays pure.</param>
public sealed record ReportFulfilment(Guid FulfilmentId, Reporter ReportedBy, FulfilmentReport Report, BuildingBlockTable? Table, LocalDate Today);

/// <summary>Replaces report <paramref name="FulfilmentId"/> with a new one, <paramref name="NewFulfilmentId"/>.</summary>
public sealed record CorrectFulfilment(
    Guid FulfilmentId, Guid NewFulfilmentId, Reporter ReportedBy, FulfilmentReport Report, BuildingBlockTable? Table, LocalDate Today);

public sealed record AcceptFulfilment(Guid FulfilmentId, string? Note, LocalDate Today);

public sealed record RejectFulfilment(Guid FulfilmentId, string Reason, LocalDate Today);

public sealed record WithdrawFulfilment(Guid FulfilmentId, Reporter By, string? Reason, LocalDate Today);
