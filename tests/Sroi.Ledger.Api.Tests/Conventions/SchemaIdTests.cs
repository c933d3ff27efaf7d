using System.Net;
using Swashbuckle.AspNetCore.SwaggerGen;
using Sroi.Ledger.Api.Json;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// The OpenAPI document's schema names, which a generated client names its types after: the type's own name, short and
/// stable; two types of one name fail the document as it is generated, rather than one getting a silent suffix.
/// </summary>
[Collection(ApiCollection.Name)]
public class SchemaIdTests(LedgerApi api)
{
    [Fact]
    public void A_schema_is_named_after_its_type_a_generic_one_after_its_arguments()
    {
        SchemaIds.Of(typeof(Sroi.Ledger.Api.Webhooks.WebhookSubscriptionResponse)).Should().Be("WebhookSubscriptionResponse");
        SchemaIds.Of(typeof(Inner)).Should().Be("Inner");
        SchemaIds.Of(typeof(Page<Inner>)).Should().Be("InnerPage");
        SchemaIds.Of(typeof(Sroi.Ledger.Api.Fulfilments.FulfilmentReportShape)).Should().Be("FulfilmentReport");
    }

    [Fact]
    public void Two_types_of_one_name_fail_the_document_as_it_is_generated()
    {
        var generator = new SchemaGenerator(new SchemaGeneratorOptions { SchemaIdSelector = SchemaIds.Of },
            new JsonSerializerDataContractResolver(LedgerJson.Options));
        var repository = new SchemaRepository();
        generator.GenerateSchema(typeof(Twins.One.Twin), repository);

        var second = () => generator.GenerateSchema(typeof(Twins.Other.Twin), repository);

        second.Should().Throw<InvalidOperationException>().WithMessage("*Twin*already used*");
    }

    [Fact]
    public async Task The_served_document_names_every_schema_without_a_namespace()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        var names = document["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToList();

        names.Should().Contain(["ContractResponse", "WebhookSubscriptionResponse", "FulfilmentReport", "EmploymentReport", "ProblemDetails"]);
        // The namespace's words (ApiCandidatesRegisteringCandidate…, DomainContracts…) are not in a name.
        names.Should().OnlyContain(name => name.All(char.IsAsciiLetterOrDigit) && !name.Contains("Registering", StringComparison.Ordinal)
            && !name.StartsWith("ApiContracts", StringComparison.Ordinal) && !name.StartsWith("DomainShared", StringComparison.Ordinal),
            "a schema is named after its type alone");
        names.Should().Contain(name => name == "RegisterCandidateRequest" || name == "RegisterContractRequest");
    }

    [Fact]
    public async Task A_problem_tells_generated_clients_which_field_is_its_message()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);

        // Kiota raises a problem as an exception with this property's text, not "Exception of type … was thrown".
        foreach (var problem in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            var detail = document["components"]!["schemas"]![problem]!["properties"]!["detail"];
            detail.Should().NotBeNull($"{problem} has a detail");
            detail!["x-ms-primary-error-message"]!.GetValue<bool>().Should().BeTrue($"{problem}'s detail is its message");
        }
    }

    public sealed record Inner(string Name);

    public sealed record Page<T>(IReadOnlyList<T> Items);
}
