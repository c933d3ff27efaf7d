using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts.RegisteringContract;
using Sroi.Ledger.Api.Fulfilments.Reviewing;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// The two ways a body is read (no host, no database): a converted endpoint's <see cref="JsonBody{T}"/> gets the fields
/// that parsed and the errors of the others, to add its own validation to; an endpoint still calling
/// <see cref="RequestBody.ReadAsync{T}(HttpRequest, CancellationToken)"/> gets every such error as one 400.
/// </summary>
public class JsonBodyTests
{
    private const string WrongTypes = """
        {"reference": "RW-1", "title": "Herinrichting Haagweg", "category": "werken", "contractValue": "200.000,00",
         "contractor": {"kvkNumber": 12345678, "name": "Bouwbedrijf De Vliet B.V."},
         "awardedOn": "2024-03-01", "startsOn": "2024-04-01", "endsOn": "2025-03-31"}
        """;

    private static HttpContext Post(string? json, string contentType = "application/json")
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Request.Method = "POST";
        http.Request.Path = "/api/v1/contracts";
        if (json is null) return http;
        var bytes = Encoding.UTF8.GetBytes(json);
        http.Request.ContentType = contentType;
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        return http;
    }

    [Fact]
    public async Task A_bound_body_carries_the_fields_that_parsed_and_the_errors_of_the_others()
    {
        var body = (await JsonBody<RegisterContractRequest>.BindAsync(Post(WrongTypes), null!))!;

        body.Refusal.Should().BeNull();
        body.Value.Title.Should().Be("Herinrichting Haagweg");
        body.Value.ContractValue.Should().BeNull();
        body.Value.Contractor!.Name.Should().Be("Bouwbedrijf De Vliet B.V.");
        body.Fingerprint.Should().HaveCount(32);

        // The endpoint's validation adds what it finds (scope is missing); what did not parse is not named again.
        ValidRegistration.Validate(body.Value, Guid.NewGuid(), Sroi.Ledger.Domain.Shared.MunicipalityCode.Parse("GM0603"), body.Errors).Should().BeNull();
        body.Errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["contractValue"] = [FieldMessages.Number],
            ["contractor.kvkNumber"] = [FieldMessages.Text],
            ["scope"] = ["Required."],
        });
    }

    [Fact]
    public async Task An_endpoint_that_reads_the_body_itself_gets_every_type_error_as_one_400()
    {
        var (body, problem) = await RequestBody.ReadAsync<RegisterContractRequest>(Post(WrongTypes).Request, CancellationToken.None);

        body.Should().BeNull();
        var details = problem.Should().BeOfType<ProblemHttpResult>().Which.ProblemDetails.Should().BeOfType<HttpValidationProblemDetails>().Which;
        details.Status.Should().Be(400);
        details.Errors.Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["contractValue"] = [FieldMessages.Number],
            ["contractor.kvkNumber"] = [FieldMessages.Text],
        });
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_is_a_refusal_before_the_endpoint()
    {
        var malformed = (await JsonBody<RegisterContractRequest>.BindAsync(Post("{\"reference\": "), null!))!;
        var notJson = (await JsonBody<RegisterContractRequest>.BindAsync(Post("reference=A", "text/plain"), null!))!;

        var problem = malformed.Refusal.Should().BeOfType<ProblemHttpResult>().Which.ProblemDetails.Should().BeOfType<HttpValidationProblemDetails>().Which;
        problem.Errors.Keys.Should().Equal("body");
        problem.Errors["body"].Should().ContainSingle().Which.Should().StartWith("The body is not well-formed JSON at line 1, position 15: ");
        notJson.Refusal.Should().BeOfType<ProblemHttpResult>().Which.StatusCode.Should().Be(415);
    }

    [Fact]
    public async Task An_optional_body_is_its_empty_value_when_absent_and_is_read_field_by_field_when_sent()
    {
        var absent = await RequestBody.ReadOptionalAsync(Post(null).Request, new AcceptanceRequest(null), partial: true, CancellationToken.None);
        var wrong = await RequestBody.ReadOptionalAsync(Post("""{"note": 5}""").Request, new AcceptanceRequest(null), partial: true, CancellationToken.None);

        absent.Problem.Should().BeNull();
        absent.Body!.Value.Should().Be(new AcceptanceRequest(null));
        wrong.Problem.Should().BeNull();
        wrong.Body!.Value.Should().Be(new AcceptanceRequest(null));
        wrong.Body.Errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]> { ["note"] = [FieldMessages.Text] });
    }
}
