using Sroi.Ledger.Testing;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The README's shell lines that verify a signature, run as they are (bash and openssl) on a delivery the service made:
/// they say valid for the body as received and invalid for one byte changed. (The C# lines are the loopback receiver's
/// own check, Sroi.Ledger.Testing/WebhookReceiver.)
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
        var valid = await RunAsync(script, delivery.Body, delivery.Signature!, secret);
        valid.ExitCode.Should().Be(0, valid.Output);
        valid.Output.Trim().Should().Be("signature valid");
        var changed = await RunAsync(script, delivery.Body.Replace("registered", "Registered", StringComparison.Ordinal), delivery.Signature!, secret);
        changed.ExitCode.Should().Be(1, changed.Output);
        changed.Output.Trim().Should().Be("signature INVALID");
    }

    private static string ShellExample()
    {
        var readme = File.ReadAllText(Path.Combine(Checkout.Root(), "README.md"));
        return ShellBlock().Match(readme) is { Success: true } block
            ? block.Groups[1].Value
            : throw new InvalidOperationException("README.md has no ```sh block after <!-- signature-shell -->.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string body, string signature, string secret)
    {
        var folder = Directory.CreateTempSubdirectory("sroi-signature-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "body.json"), body);
            var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", script }, WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["SIGNATURE"] = signature;
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
