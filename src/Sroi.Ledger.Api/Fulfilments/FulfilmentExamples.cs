using System.Text.Json.Nodes;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>One valid report per kind, for Swagger UI (dates of a contract running 2024-04-01 through 2025-03-31).</summary>
public static class FulfilmentExamples
{
    public static RequestExample[] PerKind { get; } =
    [
        new("employment", "A person from the target group, per quarter", new JsonObject
        {
            ["kind"] = "employment", ["candidateNumber"] = "100234", ["targetGroup"] = "participatiewet", ["hoursPerWeek"] = 32,
            ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-06-30", ["age55Plus"] = false, ["workLimitation"] = true,
        }),
        new("internship", "An intern (level mbo, hbo, vso or pro)", new JsonObject
        {
            ["kind"] = "internship", ["candidateNumber"] = "100235", ["level"] = "vso", ["hoursPerWeek"] = 24,
            ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-06-30",
        }),
        new("bbl", "A work-based learner (mbo level 1 to 4)", new JsonObject
        {
            ["kind"] = "bbl", ["candidateNumber"] = "100236", ["level"] = "2", ["hoursPerWeek"] = 36,
            ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-09-30",
        }),
        new("work-experience", "A work-experience place", new JsonObject
        {
            ["kind"] = "work-experience", ["candidateNumber"] = "100237", ["hoursPerWeek"] = 20,
            ["periodStart"] = "2024-05-01", ["periodEnd"] = "2024-07-31",
        }),
        new("social-procurement", "An invoice of a social enterprise", new JsonObject
        {
            ["kind"] = "social-procurement",
            ["supplier"] = new JsonObject { ["kvkNumber"] = "87654321", ["name"] = "De Groene Werkplaats B.V.", ["recognition"] = "code-sociale-ondernemingen" },
            ["invoiceNumber"] = "F-2024-017", ["invoiceDate"] = "2024-05-15", ["amountExclVat"] = 4250.00,
        }),
        new("training", "Training or extra coaching, at actual cost", new JsonObject
        {
            ["kind"] = "training", ["description"] = "VCA-opleiding voor twee medewerkers", ["cost"] = 1250.00, ["date"] = "2024-06-12",
        }),
        new("social-activity", "Hours of social activity", new JsonObject
        {
            ["kind"] = "social-activity", ["description"] = "Gastlessen op het vso", ["hours"] = 12, ["date"] = "2024-10-03",
        }),
    ];
}
