using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Ops;

/// <summary>
/// ops/requests.http is what a newcomer runs first: every request of it, in order, against a fresh service (its own
/// database), must answer as the file says — a success, or the error its <c># expect</c> comment names. Only the base
/// URL and the admin key are given, as the file asks the newcomer to; every other key and id comes from the answers.
/// </summary>
public class RequestsFileTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Fact]
    public async Task Every_request_of_ops_requests_http_answers_as_the_file_says_on_a_fresh_service()
    {
        using var client = api.Client();
        var file = RestClientFile.Parse(await File.ReadAllTextAsync(Path.Combine(Checkout.Root(), "ops", "requests.http")),
            new Dictionary<string, string> { ["base"] = new Uri(client.BaseAddress!, "api/v1").ToString(), ["admin"] = LedgerApi.AdminKey });

        var wrong = new List<string>();
        foreach (var request in file.Requests)
        {
            var (sent, response, body) = await file.SendAsync(client, request);
            if (!request.Accepts((int)response.StatusCode))
                wrong.Add($"### {request.Title}: {sent.Method} {sent.RequestUri} → {(int)response.StatusCode}" +
                          $"{(request.Expect is null ? "" : $" (the file expects {request.Expect})")}\n{body}");
        }

        file.Requests.Should().HaveCountGreaterThan(40, "the whole file was read");
        file.Requests.Where(r => r.Expect is not null).Select(r => r.Title).Should().ContainSingle()
            .Which.Should().StartWith("Settle after the term", "the one request that shows an error on purpose is marked");
        wrong.Should().BeEmpty();
    }
}
