using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.People;

/// <summary>A person as the directory holds them; <see cref="DisplayName"/> and <see cref="Email"/> are null once erased.</summary>
/// <param name="ActsAs">The role and organisation in words ("WSP Rijswijk"), as last seen.</param>
public sealed record PersonResponse(
    string Actor, string? DisplayName, string? Email, string? Role, string? Organisation, string? ActsAs,
    Instant FirstSeen, Instant LastSeen, Instant? ErasedAt)
{
    public static PersonResponse Of(Person p) =>
        new(p.Actor, p.DisplayName, p.Email, p.Role, p.Organisation, p.ActsAs, p.FirstSeen, p.LastSeen, p.ErasedAt);
}

public sealed record PersonPage(IReadOnlyList<PersonResponse> Items, int Page, int PageSize, long Total);

/// <summary>Reading and erasing the people directory (admin only: it holds names and e-mail addresses).</summary>
public static partial class PeopleEndpoints
{
    /// <summary>The actor of a person (claims contract): <c>person:</c> and 22 characters of Base64Url.</summary>
    public const string ActorPattern = "^person:[A-Za-z0-9_-]{22}$";

    public static async Task<Results<Ok<PersonPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListPageQuery paging, PeopleDirectory directory, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (page, pageSize) = paging.Read(errors);
        if (errors.Any) return Problems.BadRequest(errors);
        var (items, total) = await directory.ListAsync(page, pageSize, ct);
        return TypedResults.Ok(new PersonPage([.. items.Select(PersonResponse.Of)], page, pageSize, total));
    }

    /// <summary>
    /// One person. An id that is no person's (a key's actor, a typo) names no one in the directory: 404, as a path id of
    /// the wrong shape is elsewhere (<c>/api-keys/{id:guid}</c>).
    /// </summary>
    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetAsync(string actor, PeopleDirectory directory, CancellationToken ct) =>
        IsPersonActor(actor) && await directory.GetAsync(actor, ct) is { } person ? TypedResults.Ok(PersonResponse.Of(person)) : NotFound(actor);

    /// <summary>
    /// Erases the person's name and e-mail address. The events keep the actor id (they never held more), so every hash
    /// chain, commit signature and checkpoint stays valid. Erasing twice answers 204 again.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(string actor, PeopleDirectory directory, IClock clock, CancellationToken ct) =>
        IsPersonActor(actor) && await directory.EraseAsync(actor, clock.GetCurrentInstant(), ct) ? TypedResults.NoContent() : NotFound(actor);

    private static bool IsPersonActor(string actor) => ActorFormat().IsMatch(actor);

    // The id is not repeated: it may be anything a client sent.
    private static ProblemHttpResult NotFound(string actor) =>
        Problems.NotFound(IsPersonActor(actor) ? $"Person {actor}" : "A person with that actor id (person: and 22 characters of Base64Url)");

    [GeneratedRegex(ActorPattern, RegexOptions.CultureInvariant)]
    private static partial Regex ActorFormat();
}
