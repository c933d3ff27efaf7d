using JasperFx.CommandLine;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Importing;

public sealed class ImportInput : NetCoreInput
{
    [Description("contracts, fulfilments, candidates or placements")]
    public string Kind { get; set; } = "";

    [Description("The sheet: an .xlsx workbook (its first sheet) or a .csv file")]
    public string File { get; set; } = "";

    [Description("The CBS code of every row (e.g. GM0603); without it each row names its own in the column Gemeente"), FlagAlias("municipality", 'm')]
    public string? MunicipalityFlag { get; set; }

    [Description("Validate every row with the API's rules on the ledger as it is; write nothing"), FlagAlias("dry-run", true)]
    public bool DryRunFlag { get; set; }

    [Description("Write the refused rows' errors to this CSV (default: <file>.geweigerd.csv beside the sheet)"), FlagAlias("refused", true)]
    public string? RefusedFlag { get; set; }
}

/// <summary>
/// <c>Sroi.Ledger.Api import KIND FILE [--municipality GM0603] [--dry-run]</c>: <see cref="Importer"/> on a file, with a
/// progress line per 1,000 rows on stderr, the counts on stdout and the refused rows' errors in a CSV file. Exit code 1
/// when the file or a row is refused, so a script notices.
/// </summary>
[Description("Import a sheet of contracts, fulfilments, candidates or placements", Name = "import")]
public sealed class ImportCommand : JasperFxAsyncCommand<ImportInput>
{
    /// <summary>
    /// Why the input is refused, checked before any host is built or database looked for (CommandLine/LedgerCommandLine), or
    /// null: an unknown kind, a municipality that is no CBS code (or given empty, which would have taken each row's own), a
    /// file that does not exist, refused rows that would overwrite the sheet. These were refused only after the schema's
    /// preparation (session 43's attack).
    /// </summary>
    public static string? Refusal(ImportInput input)
    {
        if (!ImportKinds.TryParse(input.Kind, out _)) return $"kind: one of {ImportKinds.Names}, not '{input.Kind}'.";
        if (input.MunicipalityFlag is { } text && !MunicipalityCode.TryParse(text, out _))
            return text.Length == 0
                ? "--municipality needs a CBS municipality code such as GM0603 (leave it out to take each row's own from the column Gemeente)."
                : "--municipality: Expected a CBS municipality code such as GM0603.";
        if (!System.IO.File.Exists(input.File)) return $"file: '{input.File}' does not exist.";
        // The refused rows are written at the end: never over the sheet itself (a careless --refused would destroy it).
        if (string.Equals(Path.GetFullPath(RefusedPath(input)), Path.GetFullPath(input.File), StringComparison.Ordinal))
            return $"--refused: '{RefusedPath(input)}' is the sheet itself; name another file for the refused rows.";
        return null;
    }

    private static string RefusedPath(ImportInput input) =>
        input.RefusedFlag is { Length: > 0 } named ? named : Path.ChangeExtension(input.File, ".geweigerd.csv");

    public override async Task<bool> Execute(ImportInput input)
    {
        // Checked before the host was built (Refusal), and again here: cheap, and the file may have gone since.
        if (Refusal(input) is { } refusal) return await RefuseAsync(refusal);
        ImportKinds.TryParse(input.Kind, out var kind);
        MunicipalityCode? municipality = input.MunicipalityFlag is { } text ? MunicipalityCode.Parse(text) : null;
        var refusedPath = RefusedPath(input);

        using var host = input.BuildHost();
        var importer = host.Services.GetRequiredService<Importer>();
        // A write enrols its notifications and follow-up messages in Wolverine's outbox, which needs Wolverine running:
        // the service's host starts it, a command's host is only built (starting the whole host would also bind Kestrel).
        var messaging = host.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>() as IHostedService;
        if (messaging is not null) await messaging.StartAsync(CancellationToken.None);
        ImportResult result;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var content = System.IO.File.OpenRead(input.File))
        {
            try
            {
                result = await importer.RunAsync(new ImportRequest(kind, Path.GetFileName(input.File), content, municipality, input.DryRunFlag),
                    rows => Console.Error.WriteLine($"{rows:N0} rows read ({started.Elapsed.TotalSeconds:0.0} s)"), CancellationToken.None);
            }
            catch (ImportFileRefused refused)
            {
                if (messaging is not null) await messaging.StopAsync(CancellationToken.None);
                return await RefuseAsync($"file: {refused.Message}");
            }
        }

        if (messaging is not null) await messaging.StopAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(result.Summary());
        if (result.Refused > 0)
        {
            var path = refusedPath;
            await System.IO.File.WriteAllTextAsync(path, result.RefusedCsv(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await Console.Out.WriteLineAsync($"refused rows: {path}");
        }
        await Console.Error.WriteLineAsync($"done in {started.Elapsed.TotalSeconds:0.0} s");
        return result.Refused == 0;
    }

    private static async Task<bool> RefuseAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return false;
    }
}
