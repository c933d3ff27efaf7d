using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;

namespace Sroi.Ledger.Api.Plans;

/// <summary>A revision of the plan of approach: its lines, all of them (a revision replaces the whole plan).</summary>
public sealed record SubmitPlanRequest([property: Required] IReadOnlyList<PlanLineRequest>? Lines);

/// <param name="Kind">The kind of fulfilment planned; it decides the unit of <paramref name="Amount"/>.</param>
/// <param name="Block">A building block of the kind (employment, internship, bbl, work-experience have them); leave it out to plan the kind as a whole.</param>
/// <param name="From">The first day of the line's period, within the contract's term.</param>
/// <param name="To">The last day of the line's period (included), within the contract's term.</param>
/// <param name="Amount">Persons (a whole number) for employment, internship, bbl and work-experience; euros (purchase amount excl. VAT, training cost) for social-procurement and training; hours for social-activity. Above zero.</param>
public sealed record PlanLineRequest(
    [property: Required] FulfilmentKind? Kind,
    BuildingBlockCode? Block,
    [property: Required] LocalDate? From,
    [property: Required] LocalDate? To,
    [property: Required] decimal? Amount);

public sealed record PlanApprovalRequest([property: MaxLength(1000)] string? Note) : IOptionalBody<PlanApprovalRequest>
{
    public static PlanApprovalRequest Empty { get; } = new(Note: null);
}

public sealed record PlanReturnRequest([property: Required, MaxLength(1000)] string? Reason);

/// <summary>Reads the lines of a submission: a missing field is a 400 naming it; the rules over the lines are the decider's (422).</summary>
public static class PlanRequestValidation
{
    public static IReadOnlyList<PlanLine>? Validate(SubmitPlanRequest request, FieldErrors errors)
    {
        if (request.Lines is null) { errors.Add("lines", "Required: the plan's lines (kind, block, from, to, amount)."); return null; }
        var lines = new List<PlanLine>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var field = $"lines[{i}]";
            if (line is null) { errors.Add(field, "Required."); continue; }
            var kind = errors.Required($"{field}.kind", line.Kind);
            var from = errors.Required($"{field}.from", line.From);
            var to = errors.Required($"{field}.to", line.To);
            var amount = errors.Required($"{field}.amount", line.Amount);
            if (kind && from && to && amount)
                lines.Add(new PlanLine(line.Kind!.Value, line.Block, line.From!.Value, line.To!.Value, line.Amount!.Value));
        }
        return errors.Any ? null : lines;
    }

    /// <summary>The request examples of a submission.</summary>
    public static readonly OpenApi.RequestExample[] Examples =
    [
        new("places-and-purchases", "Two BBL places in 2025 and € 20.000 social purchasing in 2026", new()
        {
            ["lines"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["kind"] = "bbl", ["from"] = "2025-01-01", ["to"] = "2025-12-31", ["amount"] = 2 },
                new System.Text.Json.Nodes.JsonObject { ["kind"] = "social-procurement", ["from"] = "2026-01-01", ["to"] = "2026-12-31", ["amount"] = 20000.00 }),
        }),
        new("by-block", "One employee on a Participatiewet benefit and 40 hours of guest lessons in 2025", new()
        {
            ["lines"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["kind"] = "employment", ["block"] = "participatiewet", ["from"] = "2025-01-01", ["to"] = "2025-12-31", ["amount"] = 1 },
                new System.Text.Json.Nodes.JsonObject { ["kind"] = "social-activity", ["from"] = "2025-01-01", ["to"] = "2025-12-31", ["amount"] = 40 }),
        }),
    ];
}
