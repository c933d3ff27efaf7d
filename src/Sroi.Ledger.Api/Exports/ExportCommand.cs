using System.IO.Pipelines;
using JasperFx.CommandLine;
using Npgsql;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Reports;
using Sroi.Ledger.Domain.Shared;
using Spectre.Console;

namespace Sroi.Ledger.Api.Exports;

public sealed class ExportInput : NetCoreInput
{
    [Description("history or report")]
    public string What { get; set; } = "";

    [Description("history: a stream (contract-…, candidate-GM0603-…, sroi-policy-GM0603, …) or `all` (every stream of the municipality); report: placements, sroi-placements, trede-distribution or trede-flow")]
    public string Name { get; set; } = "";

    // Every flag's short form named here: the engine's default (the first letter) gave -a to --as-known-on, --as-of and
    // its own --applicationname at once. LedgerCommandLine's help lists the same.
    [Description("The municipality (CBS code, e.g. GM0603); required"), FlagAlias("municipality", 'm')]
    public string? MunicipalityFlag { get; set; }

    [Description("Write the CSV to this file instead of stdout"), FlagAlias("out", 'o')]
    public string? OutFlag { get; set; }

    [Description("history: only the events recorded by this instant; report: as the ledger knew it then (ISO-8601 with Z)"), FlagAlias("as-known-on", true)]
    public string? AsKnownOnFlag { get; set; }

    [Description("placements, sroi-placements, trede-flow: the year"), FlagAlias("year", 'y')]
    public string? YearFlag { get; set; }

    [Description("placements: the first year of a range"), FlagAlias("from", 'f')]
    public string? FromFlag { get; set; }

    [Description("placements: the last year of a range"), FlagAlias("to", 't')]
    public string? ToFlag { get; set; }

    [Description("trede-distribution: the date (yyyy-MM-dd)"), FlagAlias("as-of", true)]
    public string? AsOfFlag { get; set; }

    // The flags as the query records of the HTTP endpoints, so the same reading checks them with the same messages.

    public AsKnownOnQuery AsKnownOn() => new() { AsKnownOn = Value<QueryInstant>(AsKnownOnFlag, text => new(text)) };

    public YearsQuery Years() => new(Value<QueryWholeNumber>(YearFlag, text => new(text)), Value<QueryWholeNumber>(FromFlag, text => new(text)),
        Value<QueryWholeNumber>(ToFlag, text => new(text)));

    public YearQuery Year() => new(Value<QueryWholeNumber>(YearFlag, text => new(text)));

    public AsOfQuery AsOf() => new() { AsOf = Value<QueryDate>(AsOfFlag, text => new(text)) };

    /// <summary>A flag left out (or empty) is a parameter left out.</summary>
    private static T? Value<T>(string? flag, Func<string, T> of) where T : struct => string.IsNullOrEmpty(flag) ? null : of(flag);
}

/// <summary>
/// <c>Sroi.Ledger.Api export history|report NAME --municipality GM0603 [--out file.csv]</c>: the CSV of GET …/history
/// or GET /reports/… (<see cref="HistoryCsv"/>, <see cref="ReportCsv"/>), streamed to the file or stdout as it is read;
/// the progress bar goes to stderr. Exit code 1 on bad input or a stream that does not exist.
/// </summary>
[Description("Export a stream's history (or every stream of a municipality) or a report as CSV", Name = "export")]
public sealed class ExportCommand : JasperFxAsyncCommand<ExportInput>
{
    public override async Task<bool> Execute(ExportInput input)
    {
        var errors = new FieldErrors();
        if (!MunicipalityCode.TryParse(input.MunicipalityFlag ?? "", out var municipality))
            errors.Add("--municipality", "Required: a CBS municipality code such as GM0603.");
        using var host = input.BuildHost();
        var ct = CancellationToken.None;

        Func<CsvWriter, Task<long>>? write = input.What switch
        {
            "history" => await HistoryAsync(host.Services.GetRequiredService<LedgerEvents>(), host.Services.GetRequiredService<People.PeopleDirectory>(), municipality, input.Name, input.AsKnownOn().Read(errors), errors),
            "report" => Report(host.Services.GetRequiredService<NpgsqlDataSource>(), municipality, input.Name, input,
                new RecordedRows(input.AsKnownOn().Read(errors)), errors),
            _ => Refuse(errors, "what", "history or report."),
        };
        if (errors.Any || write is null)
        {
            foreach (var (field, messages) in errors.ToDictionary())
                await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            return false;
        }

        await using var output = input.OutFlag is { Length: > 0 } path ? File.Create(path) : Console.OpenStandardOutput();
        var pipe = PipeWriter.Create(output);
        long rows;
        await using (var csv = new CsvWriter(pipe)) rows = await write(csv);
        await pipe.CompleteAsync();
        await Console.Error.WriteLineAsync($"{rows:N0} rows written to {input.OutFlag ?? "stdout"}");
        return true;
    }

    private static async Task<Func<CsvWriter, Task<long>>?> HistoryAsync(LedgerEvents events, People.PeopleDirectory people, MunicipalityCode municipality, string name, NodaTime.Instant? asKnownOn, FieldErrors errors)
    {
        StreamId? stream = null;
        if (name != "all")
        {
            if (name.Length is 0 or > StreamId.MaxLength) return Refuse(errors, "name", "A stream id (contract-…), or all.");
            stream = new StreamId(name);
        }
        if (errors.Any) return null;
        var total = stream is { } one ? await events.StreamVersionAsync(municipality, one) : await events.EventCountAsync(municipality);
        if (total == 0 && stream is not null) return Refuse(errors, "name", $"{municipality} holds no stream {name}.");
        return writer => CommandProgress.Console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"exporting {name} of {municipality}", maxValue: Math.Max(total, 1));
            return await HistoryCsv.Export(events, people, municipality, stream, asKnownOn, rows => Counted(rows, task)).WriteAsync(writer, default);
        });
    }

    private static async IAsyncEnumerable<RecordedEvent> Counted(IAsyncEnumerable<RecordedEvent> events, ProgressTask task)
    {
        await foreach (var e in events)
        {
            yield return e;
            task.Increment(1);
        }
    }

    /// <param name="rows">Today's report, or as known on <c>--as-known-on</c>, as <c>GET /reports/…?asKnownOn=</c> gives it.</param>
    private static Func<CsvWriter, Task<long>>? Report(NpgsqlDataSource db, MunicipalityCode municipality, string name, ExportInput input,
        RecordedRows rows, FieldErrors errors)
    {
        Func<Task<object>>? compute = name switch
        {
            "placements" => input.Years().Read(errors) is { } years
                ? async () => years.IsRange
                    ? await PlacementsReportQuery.QueryAsync(db, municipality, years.From, years.To, rows, default)
                    : (await PlacementsReportQuery.QueryAsync(db, municipality, years.From, years.To, rows, default)).Years.Single()
                : null,
            "sroi-placements" => input.Year().Read(errors) is { } year
                ? async () => await SroiPlacementsReportQuery.QueryAsync(db, municipality, year, rows, default) : null,
            "trede-distribution" => input.AsOf().Read(errors) is { } asOf
                ? async () => await TredeDistributionReportQuery.QueryAsync(db, municipality, asOf, rows, default) : null,
            "trede-flow" => input.Year().Read(errors) is { } flowYear
                ? async () => await TredeFlowReportQuery.QueryAsync(db, municipality, flowYear, rows, default) : null,
            "benefit-duration" => input.AsOf().Read(errors) is { } stockOn
                ? async () => await BenefitDurationReportQuery.QueryAsync(db, municipality, stockOn, rows, default) : null,
            "caseload" => input.AsOf().Read(errors) is { } caseloadOn
                ? async () => await CaseloadReportQuery.QueryAsync(db, municipality, caseloadOn, rows, default) : null,
            _ => null,
        };
        if (compute is null)
        {
            if (!errors.Any) errors.Add("name", "placements, sroi-placements, trede-distribution, trede-flow, benefit-duration or caseload.");
            return null;
        }
        return async writer => await ReportCsv.Export(await compute()).WriteAsync(writer, default);
    }

    private static Func<CsvWriter, Task<long>>? Refuse(FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
    }
}
