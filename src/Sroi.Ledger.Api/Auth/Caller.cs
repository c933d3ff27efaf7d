using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Who makes this request: the holder of an API key (a system client, or the admin key), or a person signed in with an
/// OpenID Connect bearer token. Admins act across municipalities; every other caller is bound to one municipality, a
/// contractor also to its KvK number (a contractor's person may have no municipality). Carried as the request's
/// <see cref="ClaimsPrincipal"/> (<see cref="ToPrincipal"/>), so that endpoints take the principal, ASP.NET authorization
/// checks its role and the rate limiter partitions by it. Code reads a caller through <see cref="Actor"/>,
/// <see cref="Role"/>, <see cref="Municipality"/>, <see cref="KvkNumber"/> and <see cref="MaySee"/>, whichever kind it is.
/// </summary>
/// <param name="KeyId">The API key's id (<c>admin</c> for the configured admin key); null for a person.</param>
public sealed record Caller(string? KeyId, Role Role, MunicipalityCode? Municipality, KvkNumber? KvkNumber)
{
    public const string AuthenticationType = "sroi-api-key";
    public const string PersonAuthenticationType = "sroi-oidc";
    public const string KeyIdClaim = "sroi:key_id";
    public const string ActorClaim = "sroi:actor";
    public const string RoleClaim = "roles";
    public const string MunicipalityClaim = "municipality";
    public const string KvkClaim = "kvk";
    public const string RegionClaim = "region";
    public const string NameClaim = "name";
    public const string EmailClaim = "email";

    /// <summary>A person's pseudonymous actor (<c>person:…</c>, <see cref="PersonActor"/>); null for a key.</summary>
    public string? Person { get; init; }

    /// <summary>
    /// A person's display name and e-mail address from the token, for the people directory only: personal data, never
    /// in an event (which records <see cref="Actor"/>).
    /// </summary>
    public string? Name { get; init; }

    public string? Email { get; init; }

    /// <summary>
    /// The regions (shipped codes such as <c>haaglanden</c>) a <see cref="Role.Regiocoordinator"/> coordinates, whose
    /// region-level reports it reads; empty for every other role.
    /// </summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Whether the caller reads region <paramref name="region"/>'s reports: an admin every region, a coordinator its own.</summary>
    public bool MayReadRegion(string region) =>
        Role == Role.Admin || (Role == Role.Regiocoordinator && Regions.Contains(region, StringComparer.Ordinal));

    /// <summary>
    /// Recorded as the actor in every event's metadata: <c>role:keyId</c> for a key (as before people signed in), the
    /// person's pseudonym <c>person:…</c> for a person.
    /// </summary>
    public string Actor => Person ?? $"{Role.ToString().ToLowerInvariant()}:{KeyId}";

    /// <summary>A person signed in with a token of an issuer, acting in a role.</summary>
    public static Caller ForPerson(string issuer, string subject, Role role, MunicipalityCode? municipality, KvkNumber? kvk,
        string? name = null, string? email = null) =>
        new(null, role, municipality, kvk) { Person = PersonActor(issuer, subject), Name = name, Email = email };

    /// <summary>
    /// The stable, pseudonymous actor of a person: <c>person:</c> + the first 22 characters (132 bits) of
    /// Base64Url(SHA-256(issuer + "\n" + subject)). Per issuer, because a subject is unique only within its issuer; a hash,
    /// so that no e-mail address or name (some issuers use one as the subject) reaches the append-only ledger.
    /// </summary>
    public static string PersonActor(string issuer, string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject));
        return "person:" + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_')[..22];
    }

    /// <summary>
    /// Whether the caller may see a contract of <paramref name="municipality"/> held by <paramref name="contractor"/>. A
    /// contractor sees its own contracts only: in its municipality when it is bound to one, else in every municipality
    /// (a contractor as an organisation, working for several). Every other role but admin sees its municipality's.
    /// </summary>
    public bool MaySee(MunicipalityCode municipality, KvkNumber contractor) => Role switch
    {
        Role.Admin => true,
        Role.Opdrachtnemer => KvkNumber == contractor && (Municipality is null || Municipality == municipality),
        _ => Municipality == municipality,
    };

    /// <summary>The role's name as a claim and in messages: inkoop, wsp, opdrachtnemer, auditor, admin, regiocoordinator.</summary>
    public static string NameOf(Role role) => role.ToString().ToLowerInvariant();

    public ClaimsPrincipal ToPrincipal()
    {
        // A key's principal keeps the four claims it always had (its actor follows from them); a person's has no key id.
        List<Claim> claims = Person is null ? [new(KeyIdClaim, KeyId ?? "")] : [new(ActorClaim, Person)];
        claims.Add(new Claim(RoleClaim, NameOf(Role)));
        if (Municipality is { } municipality) claims.Add(new Claim(MunicipalityClaim, municipality.Value));
        if (KvkNumber is { } kvk) claims.Add(new Claim(KvkClaim, kvk.Value));
        claims.AddRange(Regions.Select(region => new Claim(RegionClaim, region)));
        if (Name is { } name) claims.Add(new Claim(NameClaim, name));
        if (Email is { } email) claims.Add(new Claim(EmailClaim, email));
        return Person is null
            ? new CallerPrincipal(this, new ClaimsIdentity(claims, AuthenticationType, KeyIdClaim, RoleClaim))
            : new CallerPrincipal(this, new ClaimsIdentity(claims, PersonAuthenticationType, NameClaim, RoleClaim));
    }

    /// <summary>A principal that keeps the caller it was made from, so the claims are not read back on every use.</summary>
    private sealed class CallerPrincipal(Caller caller, ClaimsIdentity identity) : ClaimsPrincipal(identity)
    {
        public Caller Caller { get; } = caller;
    }

    /// <summary>
    /// The caller an authenticated principal stands for; null for an anonymous one, and for a person whose token gave no
    /// ledger role (authorization refuses such a principal everything).
    /// </summary>
    public static Caller? Find(ClaimsPrincipal user)
    {
        if (user is CallerPrincipal { Identity.IsAuthenticated: true } signedIn)
            return signedIn.Caller;
        // A principal rebuilt from the claims (a claims transformation that copies it): the same caller.
        if (user.Identity is not { IsAuthenticated: true } || user.FindFirst(RoleClaim)?.Value is not { } role
            || !Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) || NameOf(parsed) != role)
            return null;
        var keyId = user.FindFirst(KeyIdClaim)?.Value;
        var person = keyId is null ? user.FindFirst(ActorClaim)?.Value : null;
        if (keyId is null && person is null)
            return null;
        return new Caller(keyId, parsed,
            user.FindFirst(MunicipalityClaim)?.Value is { } municipality ? MunicipalityCode.Parse(municipality) : null,
            user.FindFirst(KvkClaim)?.Value is { } kvk ? Domain.Shared.KvkNumber.Parse(kvk) : null)
        {
            Person = person,
            // The empty list is the shared one of every other caller, so that a caller read back equals the one it was made of.
            Regions = user.FindAll(RegionClaim).Select(c => c.Value).ToArray() is { Length: > 0 } regions ? regions : [],
            Name = person is null ? null : user.FindFirst(NameClaim)?.Value,
            Email = person is null ? null : user.FindFirst(EmailClaim)?.Value,
        };
    }

    /// <summary>
    /// Whom the rate limiter counts an authenticated principal against: its actor (a key's <c>role:keyId</c>, a person's
    /// pseudonym, also when the person's token gave no role); null for an anonymous one.
    /// </summary>
    public static string? ActorOf(ClaimsPrincipal user) =>
        Find(user)?.Actor ?? (user.Identity is { IsAuthenticated: true } ? user.FindFirst(ActorClaim)?.Value : null);

    /// <summary>For an endpoint that requires authorization: the caller is always there.</summary>
    public static Caller From(ClaimsPrincipal user) =>
        Find(user) ?? throw new InvalidOperationException("The endpoint requires no authorization, so it has no caller.");

    public static Caller From(HttpContext context) => From(context.User);

    /// <summary>The authenticated caller, or null before authentication or when the key is unknown.</summary>
    public static Caller? Find(HttpContext context) => Find(context.User);
}
