using System.Globalization;
using System.Net;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// One identity provider whose bearer tokens the ledger accepts: its issuer (discovery at
/// <c>{Authority}/.well-known/openid-configuration</c>), the audience its tokens must name and where its claims are.
/// <see cref="FixedMunicipality"/> binds every token of the issuer to one municipality (a municipality's own Entra ID or
/// Keycloak realm), whatever the token says. <see cref="TokenIssuer"/> is the <c>iss</c> its tokens name when that is not the
/// address the service reaches the provider at (a provider behind an internal address, whose tokens name its public one).
/// </summary>
public sealed record OidcIssuer(
    int Index, Uri Authority, string Audience, string RoleClaim, string MunicipalityClaim, string KvkClaim,
    MunicipalityCode? FixedMunicipality, Uri? TokenIssuer = null)
{
    /// <summary>The authentication scheme of this issuer's tokens.</summary>
    public string SchemeName => $"oidc-{Index}";

    /// <summary>
    /// The authority as tokens' <c>iss</c> is compared with when choosing a scheme: without a trailing slash, so that
    /// <c>https://idp/</c> and <c>https://idp</c> choose the same (the token's issuer itself is then checked exactly,
    /// against the one the discovery document names).
    /// </summary>
    public string IssuerKey => Normalise((TokenIssuer ?? Authority).OriginalString);

    public static string Normalise(string issuer) => issuer.TrimEnd('/');

    /// <summary>The claim naming a regional coordinator's regions (issue 21); <c>region</c> unless configured.</summary>
    public string RegionClaim { get; init; } = Caller.RegionClaim;
}

/// <summary>
/// The OpenID Connect settings (issue 19), read from the configuration like every other <c>SROI_*</c> setting and
/// checked at start: a setting that is wrong stops the service with a message naming it, rather than leaving people
/// unable to sign in (or worse, signing in against metadata fetched over plain HTTP). No authority: no token scheme,
/// API keys only, exactly as before.
/// <para>
/// Several issuers: <c>SROI_OIDC_AUTHORITY__0</c>, <c>__1</c>, … (environment variables; <c>SROI_OIDC_AUTHORITY:0</c> in
/// other configuration sources) or one comma-separated <c>SROI_OIDC_AUTHORITY</c>. Issuer <c>n</c> (its index in either
/// form) may override the shared settings with <c>SROI_OIDC_AUDIENCE__n</c>, <c>SROI_OIDC_ROLE_CLAIM__n</c>,
/// <c>SROI_OIDC_MUNICIPALITY_CLAIM__n</c>, <c>SROI_OIDC_KVK_CLAIM__n</c>, fix its tokens' municipality with
/// <c>SROI_OIDC_MUNICIPALITY__n</c>, and name its tokens' <c>iss</c> with <c>SROI_OIDC_ISSUER__n</c> (plain
/// <c>SROI_OIDC_ISSUER</c> with one issuer) when it differs from the authority.
/// </para>
/// </summary>
public sealed record OidcSettings(IReadOnlyList<OidcIssuer> Issuers, bool RequireHttpsMetadata, TimeSpan MetadataRefresh)
{
    public const string Authority = "SROI_OIDC_AUTHORITY";
    public const string Issuer = "SROI_OIDC_ISSUER";
    public const string Audience = "SROI_OIDC_AUDIENCE";
    public const string RoleClaim = "SROI_OIDC_ROLE_CLAIM";
    public const string MunicipalityClaim = "SROI_OIDC_MUNICIPALITY_CLAIM";
    public const string KvkClaim = "SROI_OIDC_KVK_CLAIM";
    public const string RegionClaim = "SROI_OIDC_REGION_CLAIM";
    public const string Municipality = "SROI_OIDC_MUNICIPALITY";
    public const string RequireHttps = "SROI_OIDC_REQUIRE_HTTPS_METADATA";
    public const string MetadataRefreshSeconds = "SROI_OIDC_METADATA_REFRESH_SECONDS";

    public const int DefaultMetadataRefreshSeconds = 60;

    public static readonly OidcSettings None = new([], true, TimeSpan.FromSeconds(DefaultMetadataRefreshSeconds));

    public bool Enabled => Issuers.Count > 0;

    /// <summary>The settings, or an <see cref="InvalidOperationException"/> whose message names every wrong one.</summary>
    public static OidcSettings From(IConfiguration configuration)
    {
        var problems = new List<string>();
        var authorities = AuthoritiesFrom(configuration, problems);

        var requireHttps = configuration[RequireHttps] switch
        {
            null or "" => true,
            var text when bool.TryParse(text, out var value) => value,
            var text => Wrong(problems, true, $"{RequireHttps} must be true or false, not '{text}'."),
        };
        var refresh = configuration[MetadataRefreshSeconds] switch
        {
            null or "" => DefaultMetadataRefreshSeconds,
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400 => seconds,
            var text => Wrong(problems, DefaultMetadataRefreshSeconds,
                $"{MetadataRefreshSeconds} must be a whole number of seconds from 1 to 86400, not '{text}'."),
        };

        var issuers = new List<OidcIssuer>();
        foreach (var (index, text) in authorities)
        {
            var name = authorities.Count == 1 && index == 0 && configuration[Authority] is { Length: > 0 } ? Authority : $"{Authority}__{index}";
            if (!Uri.TryCreate(text, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment) || authority.UserInfo.Length > 0)
            {
                problems.Add($"{name} must be an absolute http(s) URL without query, fragment or user name (the issuer), not '{text}'.");
                continue;
            }
            if (authority.Scheme == "http" && requireHttps)
                problems.Add($"{name} is '{text}': an issuer over plain http needs {RequireHttps}=false, which only a loopback test issuer may have.");
            if (!requireHttps && !IsLoopback(authority))
                problems.Add($"{RequireHttps}=false is only for a loopback test issuer; {name} is '{text}'.");

            Uri? tokenIssuer = null;
            if (Setting(configuration, Issuer, index, shared: authorities.Count == 1) is { } issuerText)
            {
                var issuerName = $"{Issuer}__{index}";
                if (!Uri.TryCreate(issuerText, UriKind.Absolute, out tokenIssuer) || tokenIssuer.Scheme is not ("https" or "http")
                    || !string.IsNullOrEmpty(tokenIssuer.Query) || !string.IsNullOrEmpty(tokenIssuer.Fragment) || tokenIssuer.UserInfo.Length > 0)
                {
                    problems.Add($"{issuerName} must be an absolute http(s) URL without query, fragment or user name (the tokens' iss), not '{issuerText}'.");
                    tokenIssuer = null;
                }
                else if (tokenIssuer.Scheme == "http" && (requireHttps || !IsLoopback(tokenIssuer)))
                    problems.Add($"{issuerName} is '{issuerText}': an issuer over plain http is only for a loopback test issuer with {RequireHttps}=false.");
            }

            var audience = Setting(configuration, Audience, index);
            if (audience is null)
                problems.Add($"{Audience} (or {Audience}__{index}) is required with {name}: tokens must name the ledger as their audience.");

            MunicipalityCode? fixedMunicipality = null;
            if (Setting(configuration, Municipality, index, shared: false) is { } municipality)
            {
                if (MunicipalityCode.TryParse(municipality, out var code)) fixedMunicipality = code;
                else problems.Add($"{Municipality}__{index} must be a CBS municipality code such as GM0603, not '{municipality}'.");
            }

            issuers.Add(new OidcIssuer(index, authority, audience ?? "",
                ClaimName(configuration, RoleClaim, index, Caller.RoleClaim, problems),
                ClaimName(configuration, MunicipalityClaim, index, Caller.MunicipalityClaim, problems),
                ClaimName(configuration, KvkClaim, index, Caller.KvkClaim, problems),
                fixedMunicipality, tokenIssuer)
            {
                RegionClaim = ClaimName(configuration, RegionClaim, index, Caller.RegionClaim, problems),
            });
        }
        foreach (var twice in issuers.GroupBy(i => i.IssuerKey, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"{Authority}: the issuer '{twice.Key}' is configured more than once.");

        return problems.Count > 0
            ? throw new InvalidOperationException("OpenID Connect settings: " + string.Join(" ", problems))
            : new OidcSettings(issuers, requireHttps, TimeSpan.FromSeconds(refresh));
    }

    /// <summary>The configured authorities by index: the numbered ones, or the comma-separated list.</summary>
    private static List<(int Index, string Text)> AuthoritiesFrom(IConfiguration configuration, List<string> problems)
    {
        var section = configuration.GetSection(Authority);
        // Environment variables arrive as SROI_OIDC_AUTHORITY:0; the same name given literally (a command-line
        // argument, a host setting) keeps its double underscore.
        var numbered = section.GetChildren().Select(c => (c.Key, c.Value))
            .Concat(configuration.AsEnumerable().Where(e => e.Key.StartsWith(Authority + "__", StringComparison.OrdinalIgnoreCase))
                .Select(e => (Key: e.Key[(Authority.Length + 2)..], e.Value)))
            .ToList();
        var list = section.Value is { Length: > 0 } value
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select((text, i) => (i, text)).ToList()
            : [];
        if (numbered.Count == 0)
            return list;
        if (list.Count > 0)
        {
            problems.Add($"Set either {Authority} (a comma-separated list) or {Authority}__0, __1, …, not both.");
            return [];
        }
        var authorities = new List<(int, string)>();
        foreach (var (key, text) in numbered)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 99)
                problems.Add($"{Authority}__{key}: issuers are numbered 0, 1, 2, …");
            else if (authorities.Any(a => a.Item1 == index))
                problems.Add($"{Authority}__{index} is set twice.");
            else if (text is { Length: > 0 })
                authorities.Add((index, text.Trim()));
        }
        return authorities.OrderBy(a => a.Item1).ToList();
    }

    /// <summary>Issuer <paramref name="index"/>'s own value of a setting, else (when <paramref name="shared"/>) the shared one.</summary>
    private static string? Setting(IConfiguration configuration, string name, int index, bool shared = true)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        var own = configuration[$"{name}:{number}"] is { Length: > 0 } nested ? nested : configuration[$"{name}__{number}"];
        if (own is { Length: > 0 }) return own.Trim();
        return shared && configuration[name] is { Length: > 0 } all ? all.Trim() : null;
    }

    private static string ClaimName(IConfiguration configuration, string name, int index, string fallback, List<string> problems)
    {
        var claim = Setting(configuration, name, index) ?? fallback;
        if (claim.Length > 100 || claim.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            problems.Add($"{name} must be a claim name (no spaces), not '{claim}'.");
        return claim;
    }

    private static bool IsLoopback(Uri authority) =>
        authority.IsLoopback || (IPAddress.TryParse(authority.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static T Wrong<T>(List<string> problems, T fallback, string problem)
    {
        problems.Add(problem);
        return fallback;
    }
}
