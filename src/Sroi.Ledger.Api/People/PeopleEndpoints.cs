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

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetAsync(string actor, PeopleDirectory directory, CancellationToken ct)
    {
        if (BadActor(actor) is { } bad) return bad;
        return await directory.GetAsync(actor, ct) is { } person ? TypedResults.Ok(PersonResponse.Of(person)) : Problems.NotFound($"Person {actor}");
    }

    /// <summary>
    /// Erases the person's name and e-mail address. The events keep the actor id (they never held more), so every hash
    /// chain, commit signature and checkpoint stays valid. Erasing twice answers 204 again.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(string actor, PeopleDirectory directory, IClock clock, CancellationToken ct)
    {
        if (BadActor(actor) is { } bad) return bad;
        return await directory.EraseAsync(actor, clock.GetCurrentInstant(), ct) ? TypedResults.NoContent() : Problems.NotFound($"Person {actor}");
    }

    private static ProblemHttpResult? BadActor(string actor) =>
        ActorFormat().IsMatch(actor) ? null : Problems.BadRequest("actor", "Expected a person's actor id: person: and 22 characters of Base64Url.");

    [GeneratedRegex(ActorPattern, RegexOptions.CultureInvariant)]
    private static partial Regex ActorFormat();
}
