namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The names and words of query parameters several endpoints share (their records are in SharedQueries).
/// </summary>
public static class QueryParameters
{
    public const string MunicipalityMessage = "Expected a CBS municipality code such as GM0603.";

    public const string AsKnownOn = "asKnownOn";

    /// <summary>The first release's name of <see cref="AsKnownOn"/>, still accepted.</summary>
    public const string KnownOnAlias = "knownOn";
}
