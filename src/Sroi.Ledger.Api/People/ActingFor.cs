using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// What an actor acted as: the role and the organisation, recorded with every event (EventMetadata's actorRole and
/// actorOrganisation) so that a history says "WSP of Rijswijk" even for a key revoked since or a person erased from the
/// directory. A contractor acts for its company (<c>KvK 12345678</c>), whichever municipality its contract is with; an
/// admin for no organisation.
/// </summary>
public static class ActingFor
{
    public const string KvkPrefix = "KvK ";

    public static (string Role, string? Organisation) Of(Caller caller) =>
        (Caller.NameOf(caller.Role), Organisation(caller.Role, caller.Municipality?.Value, caller.KvkNumber?.Value));

    /// <summary>The same from the claims' values (a principal the directory reads before any Caller is made of it).</summary>
    public static string? Organisation(Role role, string? municipality, string? kvkNumber) => role switch
    {
        Role.Admin => null,
        Role.Opdrachtnemer when kvkNumber is not null => KvkPrefix + kvkNumber,
        _ => municipality,
    };
}
