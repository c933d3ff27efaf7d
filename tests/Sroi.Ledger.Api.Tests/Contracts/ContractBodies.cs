using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>Valid request bodies to start from; tests change one thing at a time.</summary>
public static class ContractBodies
{
    /// <summary>Letters only: references are screened for a BSN, and random hex digits pass the elfproef now and then.</summary>
    public static string UniqueReference() => "T-" + UniqueLetters(12);

    public static string UniqueLetters(int length) =>
        new([.. Guid.NewGuid().ToString("N")[..length].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);

    public static string UniqueKvk() => Random.Shared.Next(10_000_000, 99_999_999).ToString();

    public static JsonObject Registration(decimal value = 200_000m, string? reference = null, string kvk = "12345678", string category = "werken",
        string awardedOn = "2024-03-01") => new()
    {
        ["reference"] = reference ?? UniqueReference(),
        ["title"] = "Herinrichting Haagweg",
        ["category"] = category,
        ["contractValue"] = value,
        ["contractor"] = new JsonObject { ["kvkNumber"] = kvk, ["name"] = "Bouwbedrijf De Vliet B.V." },
        ["awardedOn"] = awardedOn,
        ["startsOn"] = "2024-04-01",
        ["endsOn"] = "2025-03-31",
        ["scope"] = "regional",
    };

    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }
}
