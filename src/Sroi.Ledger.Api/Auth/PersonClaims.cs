using System.Security.Claims;
using System.Text.Json;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// A validated token's claims mapped onto the ledger's claims contract (<see cref="Caller"/>): one ledger role, the
/// municipality (the issuer's fixed one, else the token's claim), the KvK number, the pseudonymous actor, name and
/// e-mail. Whatever the token says that the ledger cannot act on leaves the person without a role, so that every
/// endpoint refuses them with a 403, never a 500 later on:
/// <list type="bullet">
/// <item>no ledger role, or more than one: a person acts in one capacity per sign-in, because every event records the
/// role the actor acted for; an identity provider that grants one person two ledger roles is asked to make that two
/// accounts (or two app registrations), rather than the ledger guessing which one was meant;</item>
/// <item>inkoop, wsp or auditor without a valid CBS code (and no fixed municipality): they act in one municipality;</item>
/// <item>opdrachtnemer without a valid KvK number: the contractor is the organisation;</item>
/// <item>regiocoordinator without a <c>region</c> claim, or with one that is not a shipped region (issue 21).</item>
/// </list>
/// An admin has no municipality (admins act across them); a contractor may have none (it reads across the
/// municipalities of its contracts); other roles carry no KvK number. Unknown role values (an Entra ID tenant's other app
/// roles) are ignored, and so is "Admin" in another case or with spaces (<see cref="RoleOf"/>).
/// </summary>
public static class PersonClaims
{
    private static readonly Dictionary<string, Role> Roles =
        Enum.GetValues<Role>().ToDictionary(Caller.NameOf, r => r, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A claim value as a ledger role: in any case and with spaces around it (an identity provider's app role named
    /// "WSP"), except admin, which is only <c>admin</c> exactly. Admin is the one role that needs no municipality or KvK
    /// number beside it, and a role claim that holds more than the ledger's roles (Keycloak's <c>realm_access.roles</c>,
    /// a tenant's roles) often holds an "Admin" or "ADMIN" that means some other application's administrator.
    /// </summary>
    private static Role? RoleOf(string value) =>
        Roles.TryGetValue(value.Trim(), out var role) && (role != Role.Admin || value == Caller.NameOf(Role.Admin)) ? role : null;

    /// <summary>
    /// The person a validated token stands for, or null with the reason when it cannot be a caller at all (no issuer or
    /// subject: then it is no person the ledger could tell apart from another, and authentication fails).
    /// </summary>
    public static (ClaimsPrincipal? Principal, string? Failure) Map(OidcIssuer issuer, ClaimsPrincipal token)
    {
        if (token.FindFirst("iss")?.Value is not { Length: > 0 } iss)
            return (null, "The token has no issuer.");
        if (token.FindFirst("sub")?.Value is not { Length: > 0 } sub)
            return (null, "The token has no subject.");

        var name = token.FindFirst(Caller.NameClaim)?.Value;
        var email = token.FindFirst(Caller.EmailClaim)?.Value;
        var municipality = issuer.FixedMunicipality ?? Single<MunicipalityCode>(Values(token, issuer.MunicipalityClaim), MunicipalityCode.TryParse);
        var kvk = Single<KvkNumber>(Values(token, issuer.KvkClaim), KvkNumber.TryParse);
        var roles = Values(token, issuer.RoleClaim).Select(RoleOf).OfType<Role>().Distinct().ToList();

        Caller? caller = roles is [var role] ? role switch
        {
            Role.Admin => Caller.ForPerson(iss, sub, role, null, null, name, email),
            Role.Opdrachtnemer => kvk is null ? null : Caller.ForPerson(iss, sub, role, municipality, kvk, name, email),
            // A regional coordinator acts for its regions (issue 21), never for a municipality: one it names is not taken.
            Role.Regiocoordinator => RegionBinding.FromClaims(Values(token, issuer.RegionClaim)) is { } regions
                ? Caller.ForPerson(iss, sub, role, null, null, name, email) with { Regions = regions }
                : null,
            _ => municipality is null ? null : Caller.ForPerson(iss, sub, role, municipality, null, name, email),
        } : null;
        if (caller is not null)
            return (WithSignInTime(caller.ToPrincipal(), token), null);

        // Signed in, but with no role the ledger can act on: authorization refuses it everywhere (the 403 says why), and the
        // rate limiter still counts it by its actor.
        List<Claim> claims = [new(Caller.ActorClaim, Caller.PersonActor(iss, sub))];
        if (name is not null) claims.Add(new Claim(Caller.NameClaim, name));
        if (email is not null) claims.Add(new Claim(Caller.EmailClaim, email));
        return (WithSignInTime(new ClaimsPrincipal(new ClaimsIdentity(claims, Caller.PersonAuthenticationType, Caller.NameClaim, Caller.RoleClaim)), token), null);
    }

    /// <summary>
    /// The token's <c>auth_time</c> and <c>iat</c> carried over: the people directory tells a new sign-in from the same
    /// one by them (People/PeopleClaimsTransformation); nothing else reads them.
    /// </summary>
    private static ClaimsPrincipal WithSignInTime(ClaimsPrincipal principal, ClaimsPrincipal token)
    {
        foreach (var type in (string[])["auth_time", "iat"])
            if (token.FindFirst(type)?.Value is { Length: > 0 } value)
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(type, value));
        return principal;
    }

    private delegate bool Parser<T>(string? text, out T value);

    /// <summary>The one value every claim of the type agrees on (after parsing); null when there is none, or two that differ.</summary>
    private static T? Single<T>(IEnumerable<string> values, Parser<T> parse) where T : struct
    {
        T? found = null;
        foreach (var value in values)
        {
            if (!parse(value.Trim(), out var parsed) || (found is { } earlier && !earlier.Equals(parsed)))
                return null;
            found = parsed;
        }
        return found;
    }

    /// <summary>
    /// A claim's values: each claim of that type (a JSON array in the token becomes one claim per element). A dotted name
    /// whose claim the token does not have reads into a JSON object claim: <c>realm_access.roles</c> is Keycloak's realm
    /// roles, without a mapper in the realm.
    /// </summary>
    public static IEnumerable<string> Values(ClaimsPrincipal token, string claim)
    {
        var direct = token.FindAll(claim).Select(c => c.Value).ToList();
        var dot = claim.IndexOf('.');
        if (direct.Count > 0 || dot <= 0)
            return direct;
        if (token.FindFirst(claim[..dot])?.Value is not { } json)
            return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement;
            foreach (var part in claim[(dot + 1)..].Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                    return [];
            }
            return element.ValueKind switch
            {
                JsonValueKind.String => [element.GetString()!],
                JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
