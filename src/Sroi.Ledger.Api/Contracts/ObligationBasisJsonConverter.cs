using System.Text.Json;
using System.Text.Json.Serialization;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>Writes the basis of an obligation with an explicit <c>kind</c>, so stored events never depend on CLR type names.</summary>
public sealed class ObligationBasisJsonConverter : JsonConverter<ObligationBasis>
{
    private sealed record Shape(string Kind, string? PolicyVersion, decimal? Percentage, Money? Threshold, string? Explanation, string? ExemptionReason);

    public override ObligationBasis Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("Expected an obligation basis.");
        return shape.Kind switch
        {
            "policy" => new ObligationBasis.Policy(shape.PolicyVersion!, shape.Percentage!.Value, shape.Threshold!.Value),
            "set-by-procurement" => new ObligationBasis.SetByProcurement(shape.Percentage!.Value, shape.PolicyVersion, shape.Explanation!),
            "exempted" => new ObligationBasis.Exempted(shape.ExemptionReason!, shape.PolicyVersion),
            _ => throw new JsonException($"Unknown obligation basis '{shape.Kind}'."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ObligationBasis value, JsonSerializerOptions options)
    {
        var shape = value switch
        {
            ObligationBasis.Policy p => new Shape("policy", p.PolicyVersion, p.Percentage, p.Threshold, null, null),
            ObligationBasis.SetByProcurement s => new Shape("set-by-procurement", s.PolicyVersion, s.Percentage, null, s.Explanation, null),
            ObligationBasis.Exempted e => new Shape("exempted", e.PolicyVersion, null, null, null, e.ExemptionReason),
            _ => throw new JsonException($"Unknown obligation basis {value.GetType().Name}."),
        };
        JsonSerializer.Serialize(writer, shape, options);
    }
}
