using JasperFx.CommandLine;
using Sroi.Ledger.Domain.Shared;
using Spectre.Console;

namespace Sroi.Ledger.Api.Auditing.Verification;

public sealed class VerifyInput : NetCoreInput
{
    [Description("Verify only this municipality's streams (CBS code, e.g. GM0603); all of them without it"), FlagAlias("municipality", 'm')]
    public string? MunicipalityFlag { get; set; }

    [Description("Hold the ledger to this checkpoint copy (a JSON file: a checkpoint as served, or a checkpoint.signed notification) instead of the newest checkpoint in the database"), FlagAlias("against", true)]
    public string? AgainstFlag { get; set; }
}

/// <summary>
/// <c>Sroi.Ledger.Api verify [--municipality GM0603]</c>: the verification of GET /audit/verification
/// (<see cref="LedgerVerifier"/>, against each municipality's newest signed checkpoint) from the command line. Each
/// discrepancy is a line on stdout, tab-separated (stream, municipality, version, code, detail), then each checkpoint held
/// to and its signature's verdict, then a summary; the progress bar goes to stderr. Exit code 0 when the ledger
/// verifies, 1 when a discrepancy is found (or the command fails). With <c>--against checkpoint.json</c> the ledger is held to
/// that copy, kept outside the database (<see cref="CheckpointCopy"/>), of its municipality: what the database rewrote
/// since, its own checkpoint rows included, shows against it.
/// </summary>
[Description("Verify the ledger: every stream's chain, version and document (exit code 1 on any discrepancy)", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    /// <summary>
    /// Why the input is refused, checked before any host is built or database looked for (CommandLine/LedgerCommandLine), or
    /// null. A municipality given empty (<c>-m ""</c>, <c>--municipality=</c>) is refused, not read as "every municipality":
    /// an auditor's script whose variable came out empty verified the whole ledger and said ok (session 43's attack).
    /// </summary>
    public static string? Refusal(VerifyInput input) => input.MunicipalityFlag switch
    {
        null => null,
        "" => "--municipality needs a CBS municipality code such as GM0603 (leave it out to verify every municipality). Nothing was verified.",
        var text when !MunicipalityCode.TryParse(text, out _) => $"--municipality: '{text}' is not a CBS municipality code such as GM0603. Nothing was verified.",
        _ => null,
    };

    public override async Task<bool> Execute(VerifyInput input)
    {
        // The municipality was checked before the host was built (Refusal).
        MunicipalityCode? municipality = input.MunicipalityFlag is { } text ? MunicipalityCode.Parse(text) : null;
        Checkpoints.StoredCheckpoint? against = null;
        if (input.AgainstFlag is { Length: > 0 } file)
        {
            var errors = new HttpConventions.FieldErrors();
            against = CheckpointCopy.ReadFile(file, errors);
            if (against is null)
            {
                await Console.Error.WriteLineAsync($"--against {file}: " + string.Join(" ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                return false;
            }
            if (municipality is { } named && named.Value != against.Municipality)
            {
                await Console.Error.WriteLineAsync($"--against {file}: the checkpoint is {against.Municipality}'s, not {named}'s.");
                return false;
            }
            municipality = MunicipalityCode.Parse(against.Municipality);
        }
        using var host = input.BuildHost();
        var verifier = host.Services.GetRequiredService<LedgerVerifier>();

        var result = await CommandProgress.Console.Progress().AutoClear(false).StartAsync(async context =>
        {
            var task = context.AddTask($"verifying {municipality?.Value ?? "every municipality"}", maxValue: 1);
            return await verifier.VerifyAsync(municipality, CancellationToken.None, against, progress: (done, total) =>
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = done;
            });
        });

        foreach (var d in result.Discrepancies)
            Console.Out.WriteLine($"{d.Stream}\t{d.Municipality}\t{d.Version}\t{d.Code}\t{d.Detail}");
        // Each municipality's newest signed checkpoint the ledger was held to, and whether its signature holds.
        foreach (var c in result.Checkpoints)
            Console.Out.WriteLine($"checkpoint {c.Id}\t{c.Municipality}\tposition {c.Position}\t{c.Streams} streams\tsignature {c.Signature}");
        Console.Out.WriteLine(result.Ok
            ? $"ok: {result.Streams:N0} streams, {result.Events:N0} events verified"
            : $"NOT ok: {result.Discrepancies.Count:N0} discrepancies in {result.Streams:N0} streams, {result.Events:N0} events");
        return result.Ok;
    }
}

/// <summary>Progress bars on stderr, so stdout carries only the command's answer (a CSV, the discrepancies).</summary>
public static class CommandProgress
{
    public static readonly IAnsiConsole Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
}
