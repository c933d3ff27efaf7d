using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests;

/// <summary>Small helpers so that tests read as requests and answers.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body, Action<HttpRequestMessage>? headers = null) =>
        client.PostRawAsync(url, body.ToJsonString(), headers);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, Action<HttpRequestMessage>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        headers?.Invoke(request);
        return client.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>Asserts the status and, for errors, the problem+json content type; returns the body.</summary>
    public static async Task<JsonNode> ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        if ((int)status >= 400)
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a 400 whose errors name exactly this field (among possibly others).</summary>
    public static async Task ShouldNameFieldAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
    }

    public static decimal Decimal(this JsonNode node, string path) =>
        path.Split('.').Aggregate(node, (n, key) => n[key]!).GetValue<decimal>();
}
