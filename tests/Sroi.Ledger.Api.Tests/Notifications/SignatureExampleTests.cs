using Sroi.Ledger.Testing;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The README's shell lines that verify a Standard Webhooks signature, run as they are (bash and openssl) on a delivery
/// the service made: they say valid for the body and headers as received, and refuse one byte changed, another id, a
/// replay ten minutes later and a timestamp that is not a number. (The C# lines are the loopback receiver's own check,
/// Sroi.Ledger.Testing/WebhookReceiver.)
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed partial class SignatureExampleTests(NotificationsApi api)
{
    [Fact]
    public async Task The_READMEs_shell_example_verifies_a_real_delivery_and_refuses_a_changed_body()
    {
        const string municipality = "GM9431";
        var path = $"readme-{Guid.NewGuid():N}";
        var created = await (await api.Admin().PostJsonAsync("/api/v1/webhook-subscriptions", new JsonObject
        {
            ["url"] = api.Receiver.Url(path), ["types"] = new JsonArray("sroi-contract.registered"), ["municipality"] = municipality,
        })).ShouldBeAsync(HttpStatusCode.Created);
        var secret = created["secret"]!.GetValue<string>();
        api.Receiver.Secrets[path] = secret;
        var body = ContractBodies.Registration(kvk: ContractBodies.UniqueKvk(), awardedOn: "2026-11-15").With("startsOn", "2027-06-01")
            .With("endsOn", "2029-05-31").With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Beleid" });
        await (await (await api.ClientAsync("inkoop", municipality)).PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
        var delivery = (await api.Receiver.WaitForAsync(path, r => r.Count >= 1))[0];

        var script = ShellExample();
        var valid = await RunAsync(script, delivery.Body, delivery.WebhookId, delivery.Timestamp, delivery.Signature, secret);
        valid.ExitCode.Should().Be(0, valid.Output);
        valid.Output.Trim().Should().Be("signature valid");
        var changed = await RunAsync(script, delivery.Body.Replace("registered", "Registered", StringComparison.Ordinal),
            delivery.WebhookId, delivery.Timestamp, delivery.Signature, secret);
        changed.ExitCode.Should().Be(1, changed.Output);
        changed.Output.Trim().Should().Be("signature INVALID");
        var otherId = await RunAsync(script, delivery.Body, Guid.NewGuid().ToString(), delivery.Timestamp, delivery.Signature, secret);
        otherId.ExitCode.Should().Be(1, otherId.Output);

        // The same delivery replayed ten minutes later, signed for that time with the real secret: refused for its age.
        var old = (long.Parse(delivery.Timestamp, System.Globalization.CultureInfo.InvariantCulture) - 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var replayed = await RunAsync(script, delivery.Body, delivery.WebhookId, old,
            Sroi.Ledger.Api.Webhooks.WebhookSignature.Sign(secret, delivery.WebhookId, long.Parse(old, System.Globalization.CultureInfo.InvariantCulture),
                System.Text.Encoding.UTF8.GetBytes(delivery.Body)), secret);
        replayed.ExitCode.Should().Be(1, replayed.Output);
        replayed.Output.Trim().Should().Be("timestamp too old or new");
        var injected = await RunAsync(script, delivery.Body, delivery.WebhookId, "a[$(echo pwned >&2)]", delivery.Signature, secret);
        injected.ExitCode.Should().Be(1, injected.Output);
        injected.Output.Should().NotContain("pwned");
    }

    private static string ShellExample()
    {
        var readme = File.ReadAllText(Path.Combine(Checkout.Root(), "README.md"));
        return ShellBlock().Match(readme) is { Success: true } block
            ? block.Groups[1].Value
            : throw new InvalidOperationException("README.md has no ```sh block after <!-- signature-shell -->.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string body, string id, string timestamp, string signature, string secret)
    {
        var folder = Directory.CreateTempSubdirectory("sroi-signature-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "body.json"), body);
            var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", script }, WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["WEBHOOK_ID"] = id;
            start.Environment["WEBHOOK_TIMESTAMP"] = timestamp;
            start.Environment["WEBHOOK_SIGNATURE"] = signature;
            start.Environment["SECRET"] = secret;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        finally { folder.Delete(recursive: true); }
    }

    [GeneratedRegex(@"<!-- signature-shell -->\s*```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
