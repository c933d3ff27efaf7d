using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Sroi.Ledger.Testing;

/// <summary>
/// A webhook receiver on loopback, as a subscriber would run one: it records every POST (body, headers, whether the
/// signature is valid for the secret it was told, checked with the StandardWebhooks package as the README tells a
/// receiver to) and answers as the test says — 200, another status, or not at all
/// (it hangs until stopped). It can be stopped and started again on the same port, to be "down for a while".
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? app;

    /// <param name="SignatureValid">The Standard Webhooks headers verify (signature and timestamp) with the path's secret.</param>
    /// <param name="LegacySignatureValid">The first release's <c>X-Sroi-Signature</c> verifies with the path's secret.</param>
    public sealed record Received(string Path, string Body, JsonObject Json, IHeaderDictionary Headers, bool SignatureValid,
        bool LegacySignatureValid, string? ContentType, int Attempt)
    {
        public string WebhookId => Headers["webhook-id"].ToString();
        public string Timestamp => Headers["webhook-timestamp"].ToString();
        public string Signature => Headers["webhook-signature"].ToString();
        public string LegacySignature => Headers["X-Sroi-Signature"].ToString();

        /// <summary>Whether the delivery verifies with <paramref name="secret"/>, by the StandardWebhooks package.</summary>
        public bool VerifiesWith(string secret) => Verified(secret, Body, Headers);
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The secrets of the subscriptions whose deliveries come here, by path (the tests give each subscription its own path).</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new();

    /// <summary>What to answer: a status code, or null to hang without answering.</summary>
    public int? Answer { get; set; } = 200;

    /// <summary>How long to wait before answering (a slow receiver).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public int Port { get; private set; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var receiver = new WebhookReceiver();
        await receiver.StartOnAsync(port);
        return receiver;
    }

    /// <summary>Starts (again) on the same port as before, or a free one the first time.</summary>
    public async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var text = Encoding.UTF8.GetString(body);
            var headers = new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            var known = Secrets.TryGetValue(path, out var secret);
            var valid = known && Verified(secret!, text, headers);
            var legacyValid = known && LegacyVerified(secret!, body, headers["X-Sroi-Signature"].ToString());
            int.TryParse(http.Request.Headers["X-Sroi-Delivery-Attempt"].ToString(), out var attempt);
            Requests.Enqueue(new Received(path, text, JsonNode.Parse(text)!.AsObject(), headers, valid, legacyValid, http.Request.ContentType, attempt));
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            if (Answer is not { } status)
            {
                try { await Task.Delay(Timeout.Infinite, stopping); } catch (OperationCanceledException) { }
                return Results.StatusCode(503);
            }
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
    }

    /// <summary>
    /// The README's C# example, line for line: the StandardWebhooks package checks the signature and the timestamp, given
    /// one signature at a time (the package compares only the first of the header, and during a changeover there are two).
    /// </summary>
    private static bool Verified(string secret, string body, IHeaderDictionary headers)
    {
        var webhook = new StandardWebhook(secret);
        return headers["webhook-signature"].ToString().Split(' ').Any(signature =>
        {
            try
            {
                webhook.Verify(body, new HeaderDictionary
                {
                    ["webhook-id"] = headers["webhook-id"], ["webhook-timestamp"] = headers["webhook-timestamp"], ["webhook-signature"] = signature,
                });
                return true;
            }
            catch (WebhookVerificationException) { return false; }
        });
    }

    /// <summary>The first release's check of <c>X-Sroi-Signature</c>, as its receivers were told to make it.</summary>
    private static bool LegacyVerified(string secret, byte[] body, string given)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }

    public async Task StopAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    /// <summary>Every POST received on a path, in order.</summary>
    public IReadOnlyList<Received> On(string path) => [.. Requests.Where(r => r.Path == path.TrimStart('/'))];

    /// <summary>Waits until <paramref name="done"/> holds for the requests received, or fails after the timeout.</summary>
    public Task<IReadOnlyList<Received>> WaitForAsync(string path, Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => Task.FromResult(On(path)), done, $"the receiver's /{path} got what the test waited for",
            timeout ?? TimeSpan.FromSeconds(30), received => $"{received.Count}: " + string.Join(" | ", received.Select(r => r.Body)));

    public async ValueTask DisposeAsync() => await StopAsync();
}
