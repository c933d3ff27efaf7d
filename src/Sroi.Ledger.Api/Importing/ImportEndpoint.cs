using System.ComponentModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Importing;

/// <summary>The answer of an import: the counts, every error of every refused row, and those errors as CSV.</summary>
/// <param name="RefusedCsv">The errors as CSV (rij, kolom, veld, fout, melding_api), as the command writes it to a file.</param>
public sealed record ImportResponse(
    string Kind, string File, bool DryRun, int Read, int Valid, int Written, int AlreadyThere, int Refused,
    IReadOnlyList<RowError> Errors, string RefusedCsv)
{
    public static ImportResponse From(ImportResult r) =>
        new(r.Kind, r.File, r.DryRun, r.Read, r.Valid, r.Written, r.AlreadyThere, r.Refused, r.Errors, r.RefusedCsv());
}

/// <summary>The query of an import; every bad one is named in one 400.</summary>
public sealed record ImportQuery
{
    [Description("The CBS code of every row (e.g. GM0603); left out, each row names its own in the column Gemeente.")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("true: validate every row with the API's rules on the ledger as it is and write nothing; false (the default): write the valid rows.")]
    public string? DryRun { get; init; }
}

/// <summary>
/// The sheet of an import, bound from the multipart form (field <c>file</c>) by the endpoint's signature, as a JSON body is
/// by <see cref="JsonBody{T}"/>: what is wrong with it is the endpoint's 400, never a bare binding failure.
/// </summary>
public sealed record ImportForm(IFormFile? File, string? Problem)
{
    /// <summary>The body is larger than <see cref="ImportEndpoint.MaxFileBytes"/>: a 413.</summary>
    public bool TooLarge { get; init; }

    public static async ValueTask<ImportForm?> BindAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ImportEndpoint.MaxFileBytes;
        if (!http.Request.HasFormContentType)
            return new ImportForm(null, "Send the sheet as multipart/form-data, in the field file (.xlsx or .csv).");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ImportForm(null, null) { TooLarge = true };
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException || e is IOException && !http.RequestAborted.IsCancellationRequested)
        {
            // A form ASP.NET cannot read (no boundary, cut off before its closing boundary, a part's headers too long):
            // the client's mistake, so the endpoint's 400 naming the file, never an exception answered 500.
            return new ImportForm(null, $"The multipart form could not be read: {e.Message}");
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return new ImportForm(null, "Required: the sheet (.xlsx or .csv) in the field file.");
        return Path.GetExtension(file.FileName).ToLowerInvariant() is ".xlsx" or ".csv"
            ? new ImportForm(file, null)
            : new ImportForm(null, "An .xlsx or .csv file.");
    }
}

/// <summary>
/// POST /api/v1/admin/imports/{kind}?dryRun=true&amp;municipality=GM0603 — an administrator imports a sheet (multipart
/// form, field <c>file</c>: .xlsx or .csv) as the command <c>import</c> does; the answer carries the counts and the
/// refused rows. The rows are written one by one while the request runs: a large sheet is better imported by the command.
/// </summary>
public static class ImportEndpoint
{
    /// <summary>The largest sheet the endpoint takes (the service's body limit is for JSON bodies; a 10,000-row sheet is a few MB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> HandleAsync(
        string kind, [AsParameters] ImportQuery query, ImportForm form, Importer importer, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!ImportKinds.TryParse(kind, out var what)) errors.Add("kind", $"One of {ImportKinds.Names}.");
        var where = query.Municipality is { Text.Length: > 0 } named ? named.Read("municipality", errors) : null;
        var dryRun = query.DryRun switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => errors.Add("dryRun", "true or false.") is var _ && false,
        };
        if (form.TooLarge) return Problems.PayloadTooLarge(MaxFileBytes);
        if (form.Problem is not null) errors.Add("file", form.Problem);
        if (errors.Any) return Problems.BadRequest(errors);

        await using var content = new MemoryStream();
        var file = form.File!;
        await file.CopyToAsync(content, ct);
        content.Position = 0;
        try
        {
            var result = await importer.RunAsync(new ImportRequest(what, Path.GetFileName(file.FileName), content, where, dryRun), null, ct);
            return TypedResults.Ok(ImportResponse.From(result));
        }
        catch (ImportFileRefused refused)
        {
            return Problems.BadRequest("file", refused.Message);
        }
    }
}
