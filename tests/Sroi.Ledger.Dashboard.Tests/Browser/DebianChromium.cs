namespace Sroi.Ledger.Dashboard.Tests.Browser;

/// <summary>
/// The browser the tests drive: Debian's Chromium (package <c>chromium</c>, installed by .ci/run), never one Playwright
/// downloads. Without it the tests fail, saying what to install; they do not skip.
/// </summary>
public static class DebianChromium
{
    public const string Variable = "SROI_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>
    /// Headless on a closed network: without the background-networking flags Chromium keeps dialling Google's hosts
    /// (refused here, slowly). Playwright adds --no-sandbox itself (the tests may run as root) and a fresh profile. Dutch,
    /// as the pages' users: the date field then reads dd-mm-jjjj, as in the screenshots.
    /// </summary>
    public static readonly string[] Flags =
    [
        "--lang=nl-NL", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen ? chosen : DefaultPath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The dashboard's browser tests need Chromium at {path}, and there is none. Install Debian's: " +
                $"`apt-get install -y chromium` (.ci/run does this when it runs as root), or set {Variable} to a Chromium binary.");
        return path;
    }
}
