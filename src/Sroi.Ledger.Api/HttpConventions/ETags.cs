using Microsoft.Net.Http.Headers;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>The ETag of a resource is its stream version; If-Match turns it into an expected version.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = For(version);

    /// <summary>No header → null; a readable version → it; anything else → a 400 problem.</summary>
    public static (long? Version, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) IfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return (null, null);
        // Entity tags compare character by character (RFC 9110 8.8.3.2): "01", "+1" or " 1" is not the tag "1" this API
        // sends, so only a version written as For writes it is one.
        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            && version > 0 && For(version) == tag.Tag.ToString())
            return (version, null);
        return (null, Problems.BadRequest("If-Match", "Expected one strong ETag as returned by this API, e.g. \"3\"."));
    }
}
