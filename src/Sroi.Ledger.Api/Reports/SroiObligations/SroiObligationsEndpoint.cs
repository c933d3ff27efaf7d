using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Reports.SroiObligations;

/// <summary><c>?municipality=</c> of the obligations report: the contract list's scope.</summary>
public sealed record SroiObligationsQuery
{
    [Description("Only this municipality's contracts (CBS code). A key bound to a municipality may name only its own; an admin, and a contractor key without a municipality (its own contracts), get all without it.")]
    public QueryMunicipality? Municipality { get; init; }
}

public static class SroiObligationsEndpoint
{
    /// <summary>
    /// The contracts the caller may see (the contract list's filter: the municipality, a contractor's own KvK number), read
    /// from their documents without the reports (the balance is folded beside the state), summed here.
    /// </summary>
    public static async Task<Results<Ok<SroiObligationsReport>, ProblemHttpResult>> GetAsync(
        [AsParameters] SroiObligationsQuery query, ClaimsPrincipal user, NpgsqlDataSource db, Marten.IDocumentStore store, IClock clock,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, query.Municipality, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        var where = new List<string>();
        var parameters = new List<object>();
        if (municipality is { } code) { parameters.Add(code.Value); where.Add($"tenant_id = ${parameters.Count}"); }
        if (caller.Role == Role.Opdrachtnemer) { parameters.Add(caller.KvkNumber!.Value.Value); where.Add($"contractor_kvk = ${parameters.Count}"); }
        var documents = await ReadAsync(db, store, where, parameters, ct);

        // Issue 21: a participant's WSP and auditor also see the regional contracts their municipality takes part in, apart
        // from the sums (the obligation is the lead's, counted in the lead's figures only).
        List<ContractDocument> takenPartIn = municipality is { } own && ContractParticipants.ReadsParticipations(caller)
            ? await ReadAsync(db, store, ["participants @> jsonb_build_array($1::text)"], [own.Value], ct)
            : [];
        return TypedResults.Ok(SroiObligationsFigures.Of(documents, BusinessCalendar.Today(clock), takenPartIn));
    }

    /// <summary>The contracts' documents without their reports (the balance is folded beside the state).</summary>
    private static async Task<List<ContractDocument>> ReadAsync(NpgsqlDataSource db, Marten.IDocumentStore store, List<string> where,
        List<object> parameters, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"SELECT data #- '{{state,fulfilments}}' FROM {ContractStorage.Table}" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : ""));
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var serializer = store.Options.Serializer();
        var documents = new List<ContractDocument>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            documents.Add(serializer.FromJson<ContractDocument>(reader, 0));
        return documents;
    }
}
