using Microsoft.Net.Http.Headers;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Exports;

public enum ResponseFormat { Json, Csv }

/// <summary>
/// JSON or CSV by the request's <c>Accept</c> (RFC 9110 §12.5.1): each format takes the quality of the most specific
/// range that matches it; the higher quality wins, then the more specific match (<c>text/csv</c> over <c>*/*</c>), then
/// JSON, the default. No <c>Accept</c> is JSON; one that allows neither is a 406 naming both.
/// </summary>
public static class ContentNegotiation
{
    public static (ResponseFormat Format, IResult? Problem) JsonOrCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        // Every answer of these endpoints depends on Accept: caches must keep JSON and CSV apart.
        request.HttpContext.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        if (accept.Count == 0) return (ResponseFormat.Json, null);
        var json = Score(accept, "application", "json");
        var csv = Score(accept, "text", "csv");
        if (json.Quality <= 0 && csv.Quality <= 0)
            return (ResponseFormat.Json, Problems.NotAcceptable(["application/json", CsvWriter.MediaType]));
        return csv.Quality > json.Quality || (csv.Quality == json.Quality && csv.Specificity > json.Specificity)
            ? (ResponseFormat.Csv, null)
            : (ResponseFormat.Json, null);
    }

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
