using NodaTime;

namespace Sroi.Ledger.Domain.Plans;

/// <param name="Today">The business date, passed in so the decider stays pure.</param>
public sealed record SubmitPlan(IReadOnlyList<PlanLine> Lines, LocalDate Today);

public sealed record ApprovePlan(string? Note, LocalDate Today);

public sealed record ReturnPlan(string Reason, LocalDate Today);
