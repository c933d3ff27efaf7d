using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Exports;

public enum ResponseFormat { Json, Csv }

/// <summary>
/// JSON or CSV by the request's <c>Accept</c> (RFC 9110 §12.5.1), as an endpoint parameter: each format takes the quality
/// of the most specific range that matches it; the higher quality wins, then the more specific match (<c>text/csv</c>
/// over <c>*/*</c>), then JSON, the default. No <c>Accept</c> is JSON; one that allows neither is <see cref="NotAcceptable"/>,
/// a 406 naming both, which the endpoint answers before looking at anything else. Bound by <see cref="BindAsync"/> rather
/// than as a [FromHeader] string: OpenAPI ignores an Accept parameter, the answer's content types (<see cref="JsonOrCsv{T}"/>)
/// say it.
/// </summary>
public sealed class AcceptedFormat
{
    private AcceptedFormat(ResponseFormat format, ProblemHttpResult? notAcceptable) => (Format, NotAcceptable) = (format, notAcceptable);

    public ResponseFormat Format { get; }

    public ProblemHttpResult? NotAcceptable { get; }

    public static ValueTask<AcceptedFormat?> BindAsync(HttpContext http)
    {
        var request = http.Request;
        // Every answer of these endpoints depends on Accept, problems included: caches must keep JSON and CSV apart.
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return Bound(ResponseFormat.Json, null);
        var json = Score(accept, "application", "json");
        var csv = Score(accept, "text", "csv");
        if (json.Quality <= 0 && csv.Quality <= 0)
            return Bound(ResponseFormat.Json, Problems.NotAcceptable(["application/json", CsvWriter.MediaType]));
        return csv.Quality > json.Quality || (csv.Quality == json.Quality && csv.Specificity > json.Specificity)
            ? Bound(ResponseFormat.Csv, null)
            : Bound(ResponseFormat.Json, null);
    }

    private static ValueTask<AcceptedFormat?> Bound(ResponseFormat format, ProblemHttpResult? notAcceptable) =>
        ValueTask.FromResult<AcceptedFormat?>(new AcceptedFormat(format, notAcceptable));

    private static (double Quality, int Specificity) Score(IList<MediaTypeHeaderValue> accept, string type, string subtype)
    {
        var best = (Quality: 0.0, Specificity: -1);
        foreach (var range in accept)
        {
            var specificity =
                range.MatchesAllTypes ? 0
                : !range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? -1
                : range.MatchesAllSubTypes ? 1
                : range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (specificity > best.Specificity) best = (range.Quality ?? 1.0, specificity);
        }
        return best;
    }
}
