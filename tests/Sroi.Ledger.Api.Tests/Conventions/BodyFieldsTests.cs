using System.Text;
using NodaTime;
using Sroi.Ledger.Api.BuildingBlocks;
using Sroi.Ledger.Api.Contracts.RegisteringContract;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>The body engine on its own (no host, no database): every field that does not parse, named once, by its type.</summary>
public class BodyFieldsTests
{
    private const string Registration = """
        {"reference": "RW-1", "title": "Herinrichting Haagweg", "category": "werken", "contractValue": 200000.00,
         "contractor": {"kvkNumber": "12345678", "name": "Bouwbedrijf De Vliet B.V."},
         "awardedOn": "2024-03-01", "startsOn": "2024-04-01", "endsOn": "2025-03-31", "scope": "regional"}
        """;

    private static (T? Value, FieldErrors Errors, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refusal) Read<T>(string json) where T : class =>
        BodyFields.Read<T>(Encoding.UTF8.GetBytes(json), RequestBody.Options);

    [Fact]
    public void A_valid_body_parses_whole_without_errors()
    {
        var (value, errors, refusal) = Read<RegisterContractRequest>(Registration);

        refusal.Should().BeNull();
        errors.Any.Should().BeFalse();
        value.Should().Be(System.Text.Json.JsonSerializer.Deserialize<RegisterContractRequest>(Registration, RequestBody.Options));
        value!.Contractor!.KvkNumber.Should().Be("12345678");
        value.ContractValue.Should().Be(200_000.00m);
    }

    [Fact]
    public void Five_mistakes_of_five_kinds_are_named_together_and_the_rest_parses()
    {
        var body = Registration
            .Replace("\"contractValue\": 200000.00", "\"contractValue\": \"200.000,00\"")
            .Replace("\"kvkNumber\": \"12345678\"", "\"kvkNumber\": 12345678")
            .Replace("\"awardedOn\": \"2024-03-01\"", "\"awardedOn\": \"01-03-2024\"")
            .Replace("\"category\": \"werken\"", "\"category\": \"bouw\"")
            .Replace("\"scope\": \"regional\"", "\"scope\": \"regional\", \"colour\": \"blue\"");

        var (value, errors, refusal) = Read<RegisterContractRequest>(body);

        refusal.Should().BeNull();
        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["contractValue"] = [FieldMessages.Number],
            ["contractor.kvkNumber"] = [FieldMessages.Text],
            ["awardedOn"] = [FieldMessages.Date],
            ["category"] = ["Expected one of: werken, diensten, leveringen."],
            ["colour"] = [FieldMessages.UnknownField],
        });
        value!.ContractValue.Should().BeNull();
        value.Contractor!.KvkNumber.Should().BeNull();
        value.Contractor.Name.Should().Be("Bouwbedrijf De Vliet B.V.");
        value.AwardedOn.Should().BeNull();
        value.Category.Should().BeNull();
        value.Title.Should().Be("Herinrichting Haagweg");
        value.StartsOn.Should().Be(new LocalDate(2024, 4, 1));
    }

    [Fact]
    public void The_endpoints_validation_does_not_name_a_field_again_that_did_not_parse()
    {
        var (value, errors, _) = Read<RegisterContractRequest>(Registration
            .Replace("\"contractValue\": 200000.00", "\"contractValue\": \"200.000,00\"").Replace("\"title\": \"Herinrichting Haagweg\", ", ""));
        var contractor = Read<RegisterContractRequest>(Registration
            .Replace("{\"kvkNumber\": \"12345678\", \"name\": \"Bouwbedrijf De Vliet B.V.\"}", "\"Bouwbedrijf\"")).Errors;

        ValidRegistration.Validate(value!, Guid.NewGuid(), Sroi.Ledger.Domain.Shared.MunicipalityCode.Parse("GM0603"), errors).Should().BeNull();
        contractor.Add("contractor", "Required.").Add("contractor.kvkNumber", "Required.").Add("contractor.name", "Required.");

        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["contractValue"] = [FieldMessages.Number],
            ["title"] = ["Required."],
        });
        contractor.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]> { ["contractor"] = [FieldMessages.Object] });
    }

    [Fact]
    public void A_field_outside_the_one_that_did_not_parse_is_still_named()
    {
        var errors = FieldErrors.One("lines[2].amount", FieldMessages.Number).Settle();

        errors.Add("lines", "At most 2 lines.").Add("lines[2].amountExclVat", "Required.").Add("lines[2]", "Required.").Add("lines[2].amount", "Required.");

        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["lines[2].amount"] = [FieldMessages.Number],
            ["lines"] = ["At most 2 lines."],
            ["lines[2].amountExclVat"] = ["Required."],
            ["lines[2]"] = ["Required."],
        });
    }

    public static TheoryData<string, string, string> WrongValues() => new()
    {
        { "amount", "\"12\"", FieldMessages.Number },
        { "amount", "true", FieldMessages.Number },
        { "amount", "{}", FieldMessages.Number },
        { "count", "\"3\"", FieldMessages.WholeNumber },
        { "count", "3.5", FieldMessages.WholeNumber },
        { "count", "99999999999", FieldMessages.WholeNumber },
        { "name", "12345678", FieldMessages.Text },
        { "name", "[]", FieldMessages.Text },
        { "flag", "\"true\"", FieldMessages.Boolean },
        { "flag", "1", FieldMessages.Boolean },
        { "on", "\"2024-02-30\"", FieldMessages.Date },
        { "on", "20240601", FieldMessages.Date },
        { "on", "\"9999-12-31\"", DateBounds.DateMessage },
        { "at", "\"2024-06-30\"", FieldMessages.Instant },
        { "at", "5", FieldMessages.Instant },
        { "id", "\"not-a-uuid\"", FieldMessages.Uuid },
        { "category", "5", "Expected one of: werken, diensten, leveringen." },
        { "nested", "\"x\"", FieldMessages.Object },
        { "nested", "[]", FieldMessages.Object },
        { "lines", "{}", FieldMessages.Array },
        { "lines", "\"x\"", FieldMessages.Array },
        { "cost", "\"7500\"", "Expected an amount in euros as a number." },
        { "kvk", "12345678", "Expected a KvK number of exactly 8 digits." },
        { "zzUnknown", "1", FieldMessages.UnknownField },
        { "nested.zzUnknown", "1", FieldMessages.UnknownField },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void A_wrong_value_is_named_with_the_message_of_its_type(string field, string rawValue, string message)
    {
        var json = field.Split('.') is [var outer, var inner]
            ? "{\"" + outer + "\": {\"" + inner + "\": " + rawValue + "}}"
            : "{\"" + field + "\": " + rawValue + "}";

        var (value, errors, refusal) = Read<Probe>(json);

        refusal.Should().BeNull();
        value.Should().NotBeNull();
        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]> { [field] = [message] });
    }

    [Fact]
    public void Elements_of_a_list_are_named_by_their_index_and_keep_it()
    {
        var (value, errors, refusal) = Read<AddBuildingBlockTableRequest>("""
            {"blocks": [{"code": "participatiewet", "valuePerYear": 1000},
                        "participatiewet",
                        {"code": "ww", "valuePerYear": "1.000", "capMonths": 6},
                        null,
                        {"code": "wia", "valuePerYear": 500, "capMonths": "six"}]}
            """);

        refusal.Should().BeNull();
        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["blocks[1]"] = [FieldMessages.Object],
            ["blocks[2].valuePerYear"] = [FieldMessages.Number],
            ["blocks[4].capMonths"] = [FieldMessages.WholeNumber],
        });
        value!.Blocks.Should().HaveCount(5);
        value.Blocks![0]!.ValuePerYear.Should().Be(1000m);
        value.Blocks[1].Should().BeNull();
        value.Blocks[2]!.ValuePerYear.Should().BeNull();
        value.Blocks[2]!.CapMonths.Should().Be(6);
        value.Blocks[3].Should().BeNull();
        value.Blocks[4]!.ValuePerYear.Should().Be(500m);
        value.Blocks[4]!.CapMonths.Should().BeNull();
    }

    [Fact]
    public void The_screens_errors_are_among_them_and_their_fields_are_left_out()
    {
        var body = Registration
            .Replace("\"Herinrichting Haagweg\"", "\"Herinrichting\\u0000Haagweg\"")
            .Replace("200000.00", "200000.001")
            .Replace("\"regional\"", "\"regional\", \"sroi\": {\"percentage\": \"5\"}");

        var (value, errors, refusal) = Read<RegisterContractRequest>(body);

        refusal.Should().BeNull();
        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["title"] = [TextScreen.ControlMessage],
            ["contractValue"] = [NumberScreen.Message],
            ["sroi.percentage"] = [FieldMessages.Number],
        });
        value!.Title.Should().BeNull();
        value.ContractValue.Should().BeNull();
        value.Sroi.Should().Be(new SroiRequest(null, null, null));
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { """{"reference": "A", """, "line 1, position 20: Expected start of a property name or value, but instead reached end of data." },
        { "{\n  \"reference\": \"A\",\n  \"title\" \"B\"\n}", "line 3, position 11: " },
        { "{\"reference\": \"A\"} x", "line 1, position 20: " },
        { "{\"reference\": 'A'}", "line 1, position 15: " },
        { "{\"a\": 1,}", "line 1, position 9: " },
        { "", "line 1, position 1: The body is empty." },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void JSON_that_is_not_well_formed_is_one_error_naming_where_it_breaks(string json, string where)
    {
        var (value, errors, refusal) = Read<RegisterContractRequest>(json);

        value.Should().BeNull();
        refusal.Should().NotBeNull();
        refusal!.ProblemDetails.Status.Should().Be(400);
        var named = errors.ToDictionary();
        named.Keys.Should().Equal("body");
        named["body"].Should().ContainSingle().Which.Should().StartWith("The body is not well-formed JSON at ").And.Contain(where);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("5")]
    [InlineData("\"text\"")]
    public void A_body_that_is_not_an_object_is_refused(string json)
    {
        var (value, errors, refusal) = Read<RegisterContractRequest>(json);

        value.Should().BeNull();
        refusal.Should().NotBeNull();
        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]> { ["body"] = [FieldMessages.NotAnObject] });
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_as_not_well_formed()
    {
        var (_, errors, refusal) = Read<RegisterContractRequest>("{\"zz\":" + new string('[', 1000) + new string(']', 1000) + "}");

        refusal.Should().NotBeNull();
        errors.ToDictionary()["body"].Should().ContainSingle().Which.Should().Contain("depth");
    }

    public sealed record Probe(
        decimal? Amount = null, int? Count = null, string? Name = null, bool? Flag = null, LocalDate? On = null, Instant? At = null,
        Guid? Id = null, ContractCategory? Category = null, ProbeLine? Nested = null, IReadOnlyList<ProbeLine?>? Lines = null,
        Money? Cost = null, KvkNumber? Kvk = null);

    public sealed record ProbeLine(decimal? Amount = null, string? Note = null);
}
