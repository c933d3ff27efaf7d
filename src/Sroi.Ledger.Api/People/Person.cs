using NodaTime;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// A person of the directory (the <c>people</c> table): the pseudonymous actor the events record, and the name and
/// e-mail address that are personal data, kept only here. An erased person keeps the row (actor, role, organisation,
/// first and last seen: no personal data) with its name and e-mail address gone.
/// </summary>
public sealed record Person(
    string Actor, string? DisplayName, string? Email, string? Role, string? Organisation,
    Instant FirstSeen, Instant LastSeen, Instant? ErasedAt)
{
    /// <summary>"WSP Rijswijk": what the directory last saw the person act as.</summary>
    public string? ActsAs => ActorDisplay.ActedAs(Role, Organisation);
}
