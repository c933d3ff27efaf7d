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
        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.ToString().Trim('"'), out var version) && version > 0)
            return (version, null);
        return (null, Problems.BadRequest("If-Match", "Expected one strong ETag as returned by this API, e.g. \"3\"."));
    }
}
