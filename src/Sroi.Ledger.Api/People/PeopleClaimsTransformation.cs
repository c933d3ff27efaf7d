using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using NodaTime;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// Fills the people directory from a person's sign-in: for a principal whose <c>sroi:actor</c> is a person
/// (<c>person:…</c>, the claims contract of issue 19), the <c>name</c>, <c>email</c>, <c>roles</c>, <c>municipality</c> and
/// <c>kvk</c> claims are upserted (<see cref="PeopleDirectory.UpsertAsync"/>), at most once per <see cref="SignInThrottle.Interval"/>.
/// A key's principal is left alone: a key is no person. The principal is returned unchanged, and a directory that cannot be
/// written fails no request: it is logged, and the history shows the actor id without a name until the next write.
/// </summary>
public sealed partial class PeopleClaimsTransformation(
    PeopleDirectory directory, SignInThrottle throttle, IClock clock, ILogger<PeopleClaimsTransformation> logger) : IClaimsTransformation
{
    public const string ActorClaim = "sroi:actor";
    public const string NameClaim = "name";
    public const string EmailClaim = "email";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true } || principal.FindFirst(ActorClaim)?.Value is not { } actor
            || !ActorDisplay.IsPerson(actor))
            return principal;
        // A person whose token gave no ledger role (PersonClaims) may do nothing here and so never acts: the directory,
        // which exists to say who acted, keeps no name or e-mail address of theirs (anyone of the tenant who obtains a
        // token for the ledger's audience would otherwise be recorded by calling it once).
        if (Caller.Find(principal) is not { } caller)
            return principal;
        var signedInAt = SignedInAt(principal);
        if (!throttle.ShouldWrite(actor, signedInAt, clock.GetCurrentInstant()))
            return principal;

        var role = caller.Role;
        var organisation = ActingFor.Organisation(role, principal.FindFirst(Caller.MunicipalityClaim)?.Value, principal.FindFirst(Caller.KvkClaim)?.Value);
        try
        {
            await directory.UpsertAsync(actor, Text(principal, NameClaim), Text(principal, EmailClaim),
                Caller.NameOf(role), organisation, clock.GetCurrentInstant(), signedInAt, CancellationToken.None);
        }
#pragma warning disable CA1031 // The directory is for display: whatever stops its write must not stop the request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DirectoryNotWritten(logger, e, actor);
        }
        return principal;
    }

    /// <summary>When the person signed in: <c>auth_time</c> (OpenID Connect), else the token's <c>iat</c>; null when neither is there.</summary>
    public static Instant? SignedInAt(ClaimsPrincipal principal)
    {
        foreach (var name in new[] { "auth_time", "iat" })
            if (principal.FindFirst(name)?.Value is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds is > 0 and < 253_402_300_800)
                return Instant.FromUnixTimeSeconds(seconds);
        return null;
    }

    /// <summary>A claim's text as the directory may keep it (<see cref="DirectoryText"/>); null when there is none to keep.</summary>
    private static string? Text(ClaimsPrincipal principal, string claim) => DirectoryText.Of(principal.FindFirst(claim)?.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The people directory could not be written for {Actor}; the request goes on without it.")]
    private static partial void DirectoryNotWritten(ILogger logger, Exception exception, string actor);
}
