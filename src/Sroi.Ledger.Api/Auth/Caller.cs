using System.Security.Claims;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// The holder of the API key of this request. Admins act across municipalities; every other key is bound to
/// one municipality, and a contractor's key also to its KvK number. Carried as the request's <see cref="ClaimsPrincipal"/>
/// (<see cref="ToPrincipal"/>), so that endpoints take the principal, ASP.NET authorization checks its role and the
/// rate limiter partitions by it.
/// </summary>
public sealed record Caller(string KeyId, Role Role, MunicipalityCode? Municipality, KvkNumber? KvkNumber)
{
    public const string AuthenticationType = "sroi-api-key";
    public const string KeyIdClaim = "sroi:key_id";
    public const string RoleClaim = "roles";
    public const string MunicipalityClaim = "municipality";
    public const string KvkClaim = "kvk";

    /// <summary>Recorded as the actor in every event's metadata.</summary>
    public string Actor => $"{Role.ToString().ToLowerInvariant()}:{KeyId}";

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

    /// <summary>The role's name as a claim and in messages: inkoop, wsp, opdrachtnemer, auditor, admin.</summary>
    public static string NameOf(Role role) => role.ToString().ToLowerInvariant();

    public ClaimsPrincipal ToPrincipal()
    {
        List<Claim> claims = [new(KeyIdClaim, KeyId), new(RoleClaim, NameOf(Role))];
        if (Municipality is { } municipality) claims.Add(new Claim(MunicipalityClaim, municipality.Value));
        if (KvkNumber is { } kvk) claims.Add(new Claim(KvkClaim, kvk.Value));
        return new CallerPrincipal(this, new ClaimsIdentity(claims, AuthenticationType, KeyIdClaim, RoleClaim));
    }

    /// <summary>A principal that keeps the caller it was made from, so the claims are not read back on every use.</summary>
    private sealed class CallerPrincipal(Caller caller, ClaimsIdentity identity) : ClaimsPrincipal(identity)
    {
        public Caller Caller { get; } = caller;
    }

    /// <summary>The caller an authenticated principal stands for; null for an anonymous one.</summary>
    public static Caller? Find(ClaimsPrincipal user)
    {
        if (user is CallerPrincipal { Identity.IsAuthenticated: true } signedIn)
            return signedIn.Caller;
        if (user.Identity is not { IsAuthenticated: true } || user.FindFirst(KeyIdClaim)?.Value is not { } keyId
            || user.FindFirst(RoleClaim)?.Value is not { } role || !Enum.TryParse<Role>(role, ignoreCase: true, out var parsed))
            return null;
        return new Caller(keyId, parsed,
            user.FindFirst(MunicipalityClaim)?.Value is { } municipality ? MunicipalityCode.Parse(municipality) : null,
            user.FindFirst(KvkClaim)?.Value is { } kvk ? Domain.Shared.KvkNumber.Parse(kvk) : null);
    }

    /// <summary>For an endpoint that requires authorization: the caller is always there.</summary>
    public static Caller From(ClaimsPrincipal user) =>
        Find(user) ?? throw new InvalidOperationException("The endpoint requires no authorization, so it has no caller.");

    public static Caller From(HttpContext context) => From(context.User);

    /// <summary>The authenticated caller, or null before authentication or when the key is unknown.</summary>
    public static Caller? Find(HttpContext context) => Find(context.User);
}
