using System.Globalization;
using Sroi.Ledger.DevIdentity.Accounts;

namespace Sroi.Ledger.DevIdentity;

/// <summary>
/// The executable ops/run starts when no SROI_OIDC_AUTHORITY is configured: the provider on http://localhost:5081 until
/// Ctrl+C or SIGTERM. Settings from the environment: SROI_DEV_IDENTITY_URL, SROI_DEV_PASSWORD, SROI_DEV_CLIENT_SECRET,
/// SROI_DEV_REDIRECT_URIS and SROI_DEV_POST_LOGOUT_REDIRECT_URIS (comma lists), SROI_DEV_ACCESS_TOKEN_SECONDS.
/// </summary>
public static class DevIdentityCommand
{
    public const string DefaultUrl = "http://localhost:5081";

    public static async Task<int> Main()
    {
        // Ctrl+C and SIGTERM (ops/run's `kill` when it ends) reach the host's console lifetime, which stops the provider.
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value);
        try
        {
            return await RunAsync(environment, Console.Out, CancellationToken.None);
        }
        catch (ArgumentException refused)
        {
            await Console.Error.WriteLineAsync("sroi-dev-identity: " + refused.Message);
            return 2;
        }
    }

    /// <summary>Starts the provider, prints its banner to <paramref name="output"/> and runs until cancelled or stopped by a signal.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> environment, TextWriter output, CancellationToken stop)
    {
        var options = OptionsFrom(environment);
        await using var server = await DevIdentityServer.StartAsync(options, stop);
        await output.WriteAsync(Banner(server, options));
        await output.FlushAsync(stop);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop, server.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, running.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }

    public static DevIdentityOptions OptionsFrom(IReadOnlyDictionary<string, string?> environment)
    {
        string? Setting(string name) => environment.GetValueOrDefault(name) is { Length: > 0 } value ? value.Trim() : null;
        static IReadOnlyList<Uri> Uris(string list) =>
            list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(uri => new Uri(uri, UriKind.Absolute)).ToList();

        var defaults = new DevIdentityOptions();
        return new DevIdentityOptions
        {
            Url = new Uri(Setting("SROI_DEV_IDENTITY_URL") ?? DefaultUrl),
            Password = Setting("SROI_DEV_PASSWORD"),
            ClientSecret = Setting("SROI_DEV_CLIENT_SECRET"),
            RedirectUris = Setting("SROI_DEV_REDIRECT_URIS") is { } redirects ? Uris(redirects) : defaults.RedirectUris,
            PostLogoutRedirectUris = Setting("SROI_DEV_POST_LOGOUT_REDIRECT_URIS") is { } after ? Uris(after) : defaults.PostLogoutRedirectUris,
            AccessTokenLifetime = Setting("SROI_DEV_ACCESS_TOKEN_SECONDS") is { } seconds
                ? TimeSpan.FromSeconds(int.Parse(seconds, NumberStyles.None, CultureInfo.InvariantCulture))
                : defaults.AccessTokenLifetime,
        };
    }

    public static string Banner(DevIdentityServer server, DevIdentityOptions options)
    {
        var accounts = string.Join(", ", DevAccounts.All.Select(account =>
            account.UserName + (account.Municipality is { } code ? $" ({code})" : account.Region is { } region ? $" ({region})" : "")));
        var password = server.PasswordGenerated
            ? $"Password: {server.Password}  (generated for this run; set SROI_DEV_PASSWORD to choose one)"
            : "Password: the value of SROI_DEV_PASSWORD";
        var secret = options.ClientSecret is { Length: > 0 }
            ? "the value of SROI_DEV_CLIENT_SECRET"
            : server.ClientSecret + "  (generated for this run; set SROI_DEV_CLIENT_SECRET to choose one)";
        return $"""
            SROI-ledger development identity provider: for development and tests only, never production (listens on loopback only).
              Issuer:   {server.Issuer}  (discovery: {server.Issuer}.well-known/openid-configuration)
              Accounts: {accounts}
              {password}
              Clients:  {DevIdentityDefaults.DashboardClientId} (confidential, code flow + PKCE, redirect {string.Join(", ", options.RedirectUris)}),
                        {DevIdentityDefaults.CliClientId} and {DevIdentityDefaults.TestsClientId} (public, PKCE, redirect {DevIdentityDefaults.LoopbackRedirectUri})
              Secret of {DevIdentityDefaults.DashboardClientId}: {secret}
              Access tokens: JWT (RS256), audience {DevIdentityDefaults.Audience}, valid {options.AccessTokenLifetime.TotalSeconds:0} s

            """;
    }
}
