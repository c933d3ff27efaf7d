using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Sroi.Ledger.DevIdentity.Connect;
using Sroi.Ledger.DevIdentity.Hosting;
using Sroi.Ledger.DevIdentity.Login;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity;

/// <summary>
/// A running development identity provider: a real OpenID Connect provider (OpenIddict) on Kestrel, on loopback only,
/// with one account per role. Started by ops/run (<see cref="DevIdentityCommand"/>) and by test fixtures:
/// <code>await using var idp = await DevIdentityServer.StartAsync(new DevIdentityOptions { Password = "…" });</code>
/// </summary>
public sealed class DevIdentityServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SigningKeys _signingKeys;

    private DevIdentityServer(WebApplication app, Uri issuer, string password, string clientSecret, bool passwordGenerated)
    {
        _app = app;
        _signingKeys = app.Services.GetRequiredService<SigningKeys>();
        Issuer = issuer;
        Password = password;
        ClientSecret = clientSecret;
        PasswordGenerated = passwordGenerated;
    }

    /// <summary>The issuer (<c>iss</c> of its tokens), e.g. http://127.0.0.1:41234/; discovery below it.</summary>
    public Uri Issuer { get; }

    /// <summary>The one password of every account.</summary>
    public string Password { get; }

    public bool PasswordGenerated { get; }

    /// <summary>The secret of the confidential client sroi-dashboard.</summary>
    public string ClientSecret { get; }

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The <c>kid</c> new tokens are signed with.</summary>
    public string CurrentSigningKeyId => _signingKeys.CurrentKeyId;

    /// <summary>
    /// Signs new tokens with a new RSA key (a new <c>kid</c>) from now on; the JWKS keeps the old key beside it, so tokens
    /// already issued stay valid, as at a real provider's rollover. Returns the new key's id.
    /// </summary>
    public Task<string> RotateSigningKeyAsync() => Task.FromResult(_signingKeys.Rotate());

    public static async Task<DevIdentityServer> StartAsync(DevIdentityOptions options, CancellationToken cancellationToken = default)
    {
        var addresses = LoopbackOnly.AddressesOf(options.Url);
        // The issuer must be known before the first request, so a free port is chosen up front; another process taking
        // it in between makes the start fail and is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Url.Port != 0 ? options.Url.Port : LoopbackOnly.FreePort(addresses[0]);
            var issuer = new UriBuilder(options.Url) { Port = port, Path = "/" }.Uri;
            var password = options.Password is { Length: > 0 } given ? given : Secrets.Generate();
            var clientSecret = options.ClientSecret is { Length: > 0 } secret ? secret : Secrets.Generate(32);
            var app = Build(options, addresses, issuer, password, clientSecret);
            try
            {
                await using (var scope = app.Services.CreateAsyncScope())
                    await Registrations.SeedAsync(scope.ServiceProvider, options, clientSecret, cancellationToken);
                await app.StartAsync(cancellationToken);
                return new DevIdentityServer(app, issuer, password, clientSecret, options.Password is not { Length: > 0 });
            }
            catch (IOException) when (options.Url.Port == 0 && attempt < 5)
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    private static WebApplication Build(
        DevIdentityOptions options, System.Net.IPAddress[] addresses, Uri issuer, string password, string clientSecret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DevIdentityServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Development,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            foreach (var address in addresses) kestrel.Listen(address, issuer.Port);
        });

        var services = builder.Services;
        services.Configure<DevIdentityPassword>(value => value.Value = password);
        // The one clock of the provider (the login cookie's issue time, max_age): never the system clock read directly.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeys>();
        // Each provider its own keys and store: nothing is written to disk, and two providers in one test run never meet.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var database = "sroi-dev-identity-" + Guid.NewGuid().ToString("N");
        services.AddDbContext<DevIdentityDbContext>(db =>
        {
            db.UseInMemoryDatabase(database);
            db.UseOpenIddict();
        });

        // Several providers on one host name (127.0.0.1, other ports) share a browser's cookies: the port in the names.
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = $".sroi-dev-identity-{issuer.Port}.antiforgery");
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = $".sroi-dev-identity-{issuer.Port}";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = LoginEndpoints.Path;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        services.AddAuthorization();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<DevIdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer)
                    .SetAuthorizationEndpointUris(DevIdentityDefaults.AuthorizationPath.TrimStart('/'))
                    .SetTokenEndpointUris(DevIdentityDefaults.TokenPath.TrimStart('/'))
                    .SetUserInfoEndpointUris(DevIdentityDefaults.UserInfoPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(DevIdentityDefaults.EndSessionPath.TrimStart('/'))
                    .SetJsonWebKeySetEndpointUris(DevIdentityDefaults.JwksPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                // JWTs the service (and anyone) can read and verify: signed (RS256), not encrypted.
                server.DisableAccessTokenEncryption();
                server.AddSigningCredentials(SigningKeys.Create());
                // Codes and refresh tokens are for this provider alone: encrypted with a key that dies with it.
                server.AddEphemeralEncryptionKey();
                // S256 only: "plain" would let a stolen code be redeemed by whoever saw the authorization request.
                server.Configure(openIddict => openIddict.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Plain http, which LoopbackOnly confines to this machine.
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMethods(DevIdentityDefaults.AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeEndpoint.Handle);
        app.MapPost(DevIdentityDefaults.TokenPath, (Delegate)TokenEndpoint.Handle);
        app.MapMethods(DevIdentityDefaults.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoEndpoint.Handle);
        app.MapMethods(DevIdentityDefaults.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionEndpoint.Handle);
        LoginEndpoints.Map(app);
        app.MapGet("/", () => Results.Text(
            $"SROI-ledger ontwikkel-identiteitsprovider (alleen voor ontwikkeling). Discovery: {issuer}.well-known/openid-configuration",
            "text/plain; charset=utf-8"));
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
