using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// The line a history shows beside the actor id: who (the name the directory knows, "API-sleutel" for a key), then as
/// what and for whom in words — "M. de Vries (WSP Rijswijk)", "API-sleutel (Inkoop Den Haag)", "M. Jansen (KvK 12345678)",
/// "A. Bakker (Beheer)". The role and organisation are the ones the event recorded; an event from before they were
/// recorded takes the role from a key's actor id (<c>inkoop:…</c>) or, for a person, what the directory knows.
/// </summary>
public static class ActorDisplay
{
    public const string PersonPrefix = "person:";
    public const string SystemPrefix = "system:";
    public const string KeyWord = "API-sleutel";
    public const string UnknownPersonWord = "Persoon";
    public const string SystemWord = "Systeem";

    public static bool IsPerson(string actor) => actor.StartsWith(PersonPrefix, StringComparison.Ordinal);

    /// <param name="person">The directory's entry for the actor; null when it knows none (or the actor is a key).</param>
    public static string? Line(string actor, string? role, string? organisation, Person? person)
    {
        if (actor.StartsWith(SystemPrefix, StringComparison.Ordinal)) return SystemWord;
        // An event without a recorded role is from before issue 19: the best that can be said is what the directory saw
        // last (a person) or the role a key's id starts with. An event that recorded a role recorded its organisation
        // too (none for admin), and that stands.
        if (role is null && IsPerson(actor))
            (role, organisation) = (person?.Role, person?.Organisation);
        else
            role ??= RoleOfKeyActor(actor);
        var who = IsPerson(actor) ? person?.DisplayName ?? UnknownPersonWord : KeyWord;
        return ActedAs(role, organisation) is { } what ? $"{who} ({what})" : who;
    }

    /// <summary>"WSP Rijswijk", "Inkoop GM9999" (a code the table does not name), "KvK 12345678", "Beheer"; null for no role.</summary>
    public static string? ActedAs(string? role, string? organisation)
    {
        var roleWord = role is null ? null : RoleWord(role);
        var organisationWord = organisation is null ? null : OrganisationWord(organisation);
        // A contractor is named by its company alone: "Opdrachtnemer KvK …" says nothing the number does not.
        if (role == Caller.NameOf(Role.Opdrachtnemer) && organisationWord is not null) return organisationWord;
        return (roleWord, organisationWord) switch
        {
            (null, null) => null,
            (null, { } org) => org,
            ({ } word, null) => word,
            ({ } word, { } org) => $"{word} {org}",
        };
    }

    public static string RoleWord(string role) => role switch
    {
        "inkoop" => "Inkoop",
        "wsp" => "WSP",
        "auditor" => "Auditor",
        "opdrachtnemer" => "Opdrachtnemer",
        "admin" => "Beheer",
        "regiocoordinator" => "Regiocoördinator",
        _ => role,
    };

    /// <summary>A CBS code by the municipality's name (the code when the shipped table lacks it); a KvK number as it is.</summary>
    public static string OrganisationWord(string organisation) =>
        organisation.StartsWith("GM", StringComparison.Ordinal) ? MunicipalityNames.Of(organisation) : organisation;

    private static string? RoleOfKeyActor(string actor)
    {
        var colon = actor.IndexOf(':');
        return colon > 0 && Enum.TryParse<Role>(actor[..colon], ignoreCase: true, out var role) && actor[..colon] == Caller.NameOf(role)
            ? actor[..colon] : null;
    }
}
