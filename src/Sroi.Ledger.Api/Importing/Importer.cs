using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Importing;

/// <param name="FileName">The file's name (without its folder), recorded in every event's reason: "import NAME row N".</param>
/// <param name="Municipality">The municipality of every row; null: each row names its own in the column Gemeente.</param>
/// <param name="Lanes">Rows written at the same time, at most (<see cref="Importer.Lanes"/>); 1: one row after another,
/// as the import ran before (the benchmark measures both).</param>
public sealed record ImportRequest(ImportKind Kind, string FileName, Stream Content, MunicipalityCode? Municipality, bool DryRun,
    int Lanes = Importer.Lanes);

/// <summary>
/// Imports a sheet row by row through the endpoints' own handlers (<see cref="ImportTargets"/>): each row is read by
/// the template (<see cref="ImportTemplate"/>, <see cref="CellValues"/>), sent with an Idempotency-Key that is a hash of
/// the kind, the municipality and the row's content (so a re-run, or the same row twice, adds nothing twice) and the
/// reason "import FILE row N"; the business dates are the sheet's, the recorded time is now. In a dry run every row
/// is decided on the ledger as it is and nothing is appended. Each row is its own write and transaction, so a row
/// refused leaves the others written and a run cut off can simply be run again; up to <see cref="Lanes"/> rows are
/// written at once, rows that could meet each other (one stream, one invoice) one after another in the sheet's order
/// (<see cref="ImportLanes"/>), so the answers are those of a row-after-row import.
/// </summary>
public sealed class Importer(ImportTargets targets, NpgsqlDataSource db)
{
    /// <summary>Rows between two progress reports (the command prints a line at each).</summary>
    public const int ProgressEvery = 1000;

    public async Task<ImportResult> RunAsync(ImportRequest request, Action<int>? progress, CancellationToken ct)
    {
        ScreenFileName(request.FileName);
        var (headers, rows) = SheetReader.Read(request.Content, request.FileName);
        var columns = ColumnsOf(request.Kind, headers);
        if (request.Municipality is null && !columns.ContainsKey(ImportTemplate.Normalise(ImportTemplate.MunicipalityHeader)))
            throw new ImportFileRefused($"Geef de gemeente op (--municipality, of municipality bij het endpoint) of een kolom {ImportTemplate.MunicipalityHeader} met een CBS-code per rij.");

        var kind = ImportKinds.NameOf(request.Kind);
        var correlation = $"import.{kind}.{Letters(RandomNumberGenerator.GetBytes(10))}";
        var run = new Run(request, columns, kind, correlation);
        var sheet = rows.Where(row => !row.IsEmpty).ToList();
        var outcomes = new RowOutcome[sheet.Count];
        var done = 0;
        var progressLock = new Lock();
        // The lanes run side by side, each its rows in the sheet's order (ImportLanes): a row waits for its commit, and
        // while it does the others' rows are read, decided and written — one row after another, every row waited for
        // its own round trips and fsync alone. Each row is still its own write through the endpoint and its transaction.
        await Task.WhenAll(ImportLanes.Of(request.Kind, sheet, columns, request.Lanes).Select(lane => Task.Run(async () =>
        {
            foreach (var index in lane)
            {
                outcomes[index] = await RowAsync(run, sheet[index], ct);
                lock (progressLock)
                    if (++done % ProgressEvery == 0) progress?.Invoke(done);
            }
        }, ct)));

        // Counted and listed in the sheet's order, whichever lane finished first.
        var errors = outcomes.SelectMany(o => o.Errors).ToList();
        return new ImportResult(kind, request.FileName, request.DryRun, sheet.Count, outcomes.Count(o => o.Errors.Count == 0),
            outcomes.Count(o => o.Outcome == ImportedOutcome.Written), outcomes.Count(o => o.Outcome == ImportedOutcome.AlreadyThere),
            outcomes.Count(o => o.Errors.Count > 0), errors);
    }

    /// <summary>
    /// Rows written at the same time, at most: enough to keep the database's commits (and on a shared machine the
    /// scheduler) busy while a row waits for its own; few enough that one import leaves the pool to the service's requests.
    /// </summary>
    public const int Lanes = 4;

    /// <summary>What every row of one run shares; the lookups are shared by the lanes, hence concurrent.</summary>
    private sealed record Run(ImportRequest Request, Dictionary<string, ImportColumn> Columns, string Kind, string Correlation)
    {
        public ConcurrentDictionary<(MunicipalityCode, string), Guid?> Contracts { get; } = new();

        public ConcurrentDictionary<(MunicipalityCode, string), bool> DryRunReferences { get; } = new();
    }

    /// <summary>A row's outcome: written, already there, would be written (dry run), or refused with its errors.</summary>
    private sealed record RowOutcome(ImportedOutcome Outcome, List<RowError> Errors);

    private async Task<RowOutcome> RowAsync(Run run, SheetRow row, CancellationToken ct)
    {
        var request = run.Request;
        var rowErrors = new List<RowError>();
        var outcome = ImportedOutcome.None;
        var (municipality, rowRequest) = await RowRequestAsync(request, run.Columns, row, run.Contracts, rowErrors, ct);
        if (rowRequest is null) return new RowOutcome(outcome, rowErrors);
        // A row with a cell that could not be read still goes to the endpoint, as a dry run, so that the list
        // names every error of the row at once; the fields already named are left to the import's own error.
        var unreadable = rowErrors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var imported = new ImportedWrite($"import {request.FileName} row {row.Number}", request.DryRun || unreadable.Count > 0);
        IResult answer;
        using (ImportedWrite.Begin(imported))
            answer = await targets.SendAsync(request.Kind, rowRequest, municipality!.Value, KeyOf(run.Kind, municipality.Value, rowRequest), run.Correlation, ct);
        if (answer is ProblemHttpResult problem)
            rowErrors.AddRange(ErrorsOf(request.Kind, row.Number, problem).Where(e => !unreadable.Contains(e.Field)));
        else if (unreadable.Count == 0)
        {
            outcome = imported.Outcome;
            // A dry run cannot meet the database's own refusal of a contract's kenmerk used twice: it is looked for here
            // (a kenmerk's rows share a lane, so the first of them in the sheet is the one that passes).
            if (imported.Outcome is not (ImportedOutcome.AlreadyThere or ImportedOutcome.Written)
                && request.Kind == ImportKind.Contracts && rowRequest.Body["reference"]?.GetValue<string>() is { } reference
                && (!run.DryRunReferences.TryAdd((municipality.Value, reference), true) || await ContractIdAsync(municipality.Value, reference, ct) is not null))
                rowErrors.Add(new RowError(row.Number, ImportTemplate.HeaderOf(request.Kind, "reference"), "reference",
                    ImportTexts.Dutch(ReferenceUsed), ReferenceUsed));
        }
        return new RowOutcome(rowErrors.Count == 0 ? outcome : ImportedOutcome.None, rowErrors);
    }

    private const string ReferenceUsed = "This reference is already used in the municipality.";

    /// <summary>The sheet's columns by normalised heading; a heading the template does not know refuses the file.</summary>
    private static Dictionary<string, ImportColumn> ColumnsOf(ImportKind kind, IReadOnlyList<string> headings)
    {
        // A column without a heading is no column: empty it is left alone, with a value the reader refuses the file.
        var headers = headings.Where(h => h.Length > 0).ToList();
        var personal = headers.Where(ImportTemplate.PersonalColumns.Contains).ToList();
        if (personal.Count > 0)
            throw new ImportFileRefused($"Het bestand heeft een kolom '{personal[0]}': het grootboek legt geen BSN, naam of geboortedatum van een kandidaat vast. " +
                "Verwijder die kolom; een kandidaat wordt alleen met het kandidaatnummer aangeduid. Er is niets ingelezen.");
        var known = ImportTemplate.Columns[kind].ToDictionary(c => ImportTemplate.Normalise(c.Header), StringComparer.Ordinal);
        var twice = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0) throw new ImportFileRefused($"De kolom '{twice[0]}' staat twee keer in het bestand.");
        var unknown = headers.Where(h => !known.ContainsKey(h)).ToList();
        if (unknown.Count > 0)
            throw new ImportFileRefused($"Onbekende kolom(men) voor {ImportKinds.NameOf(kind)}: {string.Join(", ", unknown.Select(u => $"'{u}'"))}. " +
                $"Bekend zijn: {string.Join(", ", ImportTemplate.Columns[kind].Select(c => c.Header))} (zie docs/import-template.md).");
        return headers.ToDictionary(h => h, h => known[h], StringComparer.Ordinal);
    }

    /// <summary>The row's municipality and request, or its errors in <paramref name="errors"/>.</summary>
    private async Task<(MunicipalityCode?, RowRequest?)> RowRequestAsync(ImportRequest request, Dictionary<string, ImportColumn> columns,
        SheetRow row, ConcurrentDictionary<(MunicipalityCode, string), Guid?> contracts, List<RowError> errors, CancellationToken ct)
    {
        var body = new JsonObject();
        MunicipalityCode? municipality = request.Municipality;
        string? candidate = null;
        var references = new List<(ImportColumn Column, string Reference)>();
        foreach (var (header, column) in columns)
        {
            var cell = row.Cells.GetValueOrDefault(header);
            var error = (string? message) => errors.Add(new RowError(row.Number, column.Header, column.Field, message!, ""));
            if (cell is UncachedFormula formula)
            {
                // Read as empty it would be a missing field or a wrong zero: the value is what Excel would compute.
                error($"Cel {formula.Cell} bevat een formule{(formula.Formula.Length > 0 ? $" (={formula.Formula})" : "")} zonder berekende waarde: " +
                    "open het bestand in Excel en sla het opnieuw op, of plak de waarden in plaats van de formule.");
                continue;
            }
            switch (column.Format)
            {
                case CellFormat.Municipality:
                    if (cell is null || CellValues.TextOf(cell) is not { Length: > 0 } code) break;
                    if (!MunicipalityCode.TryParse(code.ToUpperInvariant(), out var named)) error("Geen CBS-gemeentecode, zoals GM0603.");
                    else if (request.Municipality is { } given && given != named) error($"Deze rij hoort bij {named}, het bestand wordt ingelezen voor {given}.");
                    else municipality = named;
                    break;
                case CellFormat.PathCandidate:
                    candidate = cell is null ? null : CellValues.TextOf(cell) is { Length: > 0 } text ? text : null;
                    if (candidate is null) error("Vul dit in.");
                    break;
                case CellFormat.ContractReference:
                    if (cell is not null && CellValues.TextOf(cell) is { Length: > 0 } reference) references.Add((column, reference));
                    else if (column.Required) error("Vul dit in.");
                    break;
                default:
                    var (value, problem) = CellValues.Read(cell, column.Format);
                    if (problem is not null) error(problem);
                    else if (value is not null) Set(body, column.Field, value);
                    break;
            }
        }
        if (municipality is null)
            errors.Add(new RowError(row.Number, ImportTemplate.MunicipalityHeader, "municipality", "Vul de CBS-gemeentecode in, zoals GM0603.", ""));
        // The candidate registration names its municipality in the body; the others take it from the caller.
        if (request.Kind == ImportKind.Candidates && municipality is { } own) body["municipality"] = own.Value;

        Guid? contractId = null;
        foreach (var (column, reference) in references)
        {
            if (municipality is not { } where) break;
            if (!contracts.TryGetValue((where, reference), out var id))
                contracts[(where, reference)] = id = await ContractIdAsync(where, reference, ct);
            if (id is null) errors.Add(new RowError(row.Number, column.Header, column.Field, $"Geen contract met kenmerk '{reference}' in {where}.", ""));
            else if (column.Field == "sroiContractId") body["sroiContractId"] = id.Value.ToString();
            else contractId = id;
        }
        // Without its municipality, its candidate (placements) or its contract (fulfilments) the row has no endpoint to go to.
        var sendable = municipality is not null && (request.Kind != ImportKind.Placements || candidate is not null)
            && (request.Kind != ImportKind.Fulfilments || contractId is not null);
        return (municipality, sendable ? new RowRequest(Sorted(body), candidate, contractId) : null);
    }

    /// <summary>The contract with this kenmerk in the municipality (unique there), or null.</summary>
    private async Task<Guid?> ContractIdAsync(MunicipalityCode municipality, string reference, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT id FROM {ContractStorage.Table} WHERE tenant_id = $1 AND reference = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        return await command.ExecuteScalarAsync(ct) is string id && Guid.TryParse(id.AsSpan("contract-".Length), out var guid) ? guid : null;
    }

    private static void Set(JsonObject body, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var node = body;
        foreach (var part in parts[..^1])
            node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
        node[parts[^1]] = value;
    }

    /// <summary>
    /// The row's Idempotency-Key: kind, municipality and a SHA-256 of the request the row makes (its path's candidate
    /// and contract, its body with the fields in name order) — not of the cells as written, nor of the row's number or
    /// the file's name. So a re-run adds nothing twice, and neither does a corrected copy saved otherwise: a date as
    /// 2021-03-01 or 01-03-2021, 32,5 or 32.50, an empty column added, the columns in another order (before session 31 the
    /// cells as written were hashed, and such a copy recorded its placements and reports again). In letters only, so
    /// that no run of digits in it can look like a BSN (which the key is screened for).
    /// </summary>
    private static string KeyOf(string kind, MunicipalityCode municipality, RowRequest row)
    {
        var content = $"{row.Candidate}\u001f{row.ContractId}\u001f{row.Body.ToJsonString()}";
        return $"import.{kind}.{municipality.Value}.{Letters(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}";
    }

    /// <summary>
    /// The body with its fields in name order, at every depth: the same request whatever the order of the sheet's columns,
    /// so its Idempotency-Key and its fingerprint (the bytes) are the same too.
    /// </summary>
    private static JsonObject Sorted(JsonObject body)
    {
        var sorted = new JsonObject();
        foreach (var (name, value) in body.OrderBy(field => field.Key, StringComparer.Ordinal).ToList())
            sorted[name] = value is JsonObject inner ? Sorted(inner) : value?.DeepClone();
        return sorted;
    }

    /// <summary>
    /// The file's name goes into every event's reason ("import NAME row N"), which is kept for ever: a name with a
    /// control character (a NUL, which PostgreSQL refuses in JSON, failed every row's write), a bidirectional override or
    /// what looks like a BSN is refused before any row is read, as the same text in a request would be.
    /// </summary>
    private static void ScreenFileName(string name)
    {
        if (name.Length > MaxFileNameLength)
            throw new ImportFileRefused($"De bestandsnaam is langer dan {MaxFileNameLength} tekens; geef het bestand een kortere naam.");
        if (HttpConventions.TextScreen.Problem(name, lines: false) is not null)
            throw new ImportFileRefused("De bestandsnaam bevat een stuurteken of een onzichtbaar teken; geef het bestand een gewone naam.");
        if (BsnScreen.ContainsBsn(name))
            throw new ImportFileRefused("De bestandsnaam bevat iets wat op een BSN lijkt (9 cijfers die de elfproef doorstaan); de naam komt in de " +
                "reden van elke gebeurtenis. Geef het bestand een andere naam.");
    }

    /// <summary>The longest file name taken: it is part of every event's reason.</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>Bytes as letters a–p (a hex digit each), never a digit.</summary>
    private static string Letters(byte[] bytes)
    {
        var letters = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes) letters.Append((char)('a' + (b >> 4))).Append((char)('a' + (b & 15)));
        return letters.ToString();
    }

    /// <summary>The endpoint's problem as the row's errors: a 400 per field, a 422 with its field, any other as the row's.</summary>
    private static IEnumerable<RowError> ErrorsOf(ImportKind kind, int row, ProblemHttpResult problem)
    {
        if (problem.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
                foreach (var message in messages)
                    yield return new RowError(row, ImportTemplate.HeaderOf(kind, field), field, ImportTexts.Dutch(message), message);
            yield break;
        }
        var detail = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "";
        var named = problem.ProblemDetails.Extensions.TryGetValue("field", out var f) && f is string s ? s : null;
        var code = problem.ProblemDetails.Extensions.TryGetValue("code", out var c) && c is string text ? $" ({text})" : "";
        var target = named ?? (problem.StatusCode == StatusCodes.Status404NotFound
            ? kind switch { ImportKind.Placements => "candidateNumber", ImportKind.Fulfilments => "contractId", _ => "" }
            : "");
        var dutch = problem.StatusCode switch
        {
            StatusCodes.Status422UnprocessableEntity => $"Dit mag niet volgens de regels{code}: {detail}",
            StatusCodes.Status404NotFound => $"Niet gevonden: {detail}",
            StatusCodes.Status409Conflict => $"Tegelijk gewijzigd; lees het bestand opnieuw in: {detail}",
            _ => $"Geweigerd ({problem.StatusCode}): {detail}",
        };
        yield return new RowError(row, target.Length > 0 ? ImportTemplate.HeaderOf(kind, target) : "", target, dutch, detail);
    }
}
