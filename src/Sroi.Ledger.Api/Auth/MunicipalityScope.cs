using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Which municipality a read covers. A key bound to a municipality reads its own; naming another is a 403 (a
/// municipality's code is public, so refusing it reveals nothing). An admin names the municipality (required).
/// </summary>
public static class MunicipalityScope
{
    public const string Parameter = "municipality";

    /// <summary>
    /// The municipality a read covers: a bad code is a 400, another municipality than the key's a 403, an admin who names
    /// none a 400 (these reads are of one municipality's data).
    /// </summary>
    public static (MunicipalityCode Municipality, ProblemHttpResult? Problem) ForRead(Caller caller, MunicipalityQuery query)
    {
        var text = query.Municipality?.Text ?? "";
        MunicipalityCode named = default;
        if (text.Length > 0 && !MunicipalityCode.TryParse(text, out named))
            return (default, Problems.BadRequest(Parameter, QueryParameters.MunicipalityMessage));
        if (caller.Municipality is { } own)
            return text.Length == 0 || named == own
                ? (own, null)
                : (default, Problems.Forbidden($"This key reads {own} only."));
        if (text.Length > 0) return (named, null);
        // A contractor acting in every municipality reads one municipality's stream by naming it (one where it holds a
        // contract: ReachAsync).
        return (default, Problems.BadRequest(Parameter, caller.IsContractorEverywhere()
            ? "Required for a contractor key without a municipality: one where it holds a contract."
            : "Required for an admin key."));
    }

    /// <summary>
    /// Where a contractor acting in every municipality may read a municipality's own data (its policy, its building-block
    /// tables): the municipalities where it holds a contract. Naming another is a 403, as for a key bound to a municipality
    /// (a municipality's code is public; that the contractor holds no contract there is its own knowledge). Null for every
    /// other caller: the scopes above say what it reads.
    /// </summary>
    public static async Task<(IReadOnlyList<MunicipalityCode>? Reach, ProblemHttpResult? Forbidden)> ContractorReachAsync(
        Npgsql.NpgsqlDataSource db, Caller caller, MunicipalityCode? named, CancellationToken ct)
    {
        if (!caller.IsContractorEverywhere()) return (null, null);
        var reach = await ContractorReach.MunicipalitiesOfAsync(db, caller.KvkNumber!.Value, ct);
        return named is { } code && !reach.Contains(code)
            ? (reach, Problems.Forbidden($"This contractor holds no contract in {code}; it reads the municipalities where it does."))
            : (reach, null);
    }

    /// <summary>
    /// For a list or a feed, where an admin may leave the municipality out (all of them): an admin gets the one named or
    /// null; any other key its own, and naming another is a 403 rather than its own data in silence (a client that asked
    /// for GM0518 and got GM0603's worklist would act on the wrong one). A bad code is added to <paramref name="errors"/>
    /// (so the caller answers 400 before 403), and the key's own municipality is returned meanwhile.
    /// </summary>
    public static (MunicipalityCode? Municipality, ProblemHttpResult? Forbidden) ForList(Caller caller, MunicipalityQuery query, FieldErrors errors) =>
        ForList(caller, query.Municipality, errors);

    public static (MunicipalityCode? Municipality, ProblemHttpResult? Forbidden) ForList(Caller caller, QueryMunicipality? named, FieldErrors errors)
    {
        var code = named is { Text.Length: > 0 } text ? text.Read(Parameter, errors) : null;
        var own = caller.Municipality;
        if (own is not null && code is not null && code != own)
            return (own, Problems.Forbidden($"This key reads {own} only; {code} is another municipality's."));
        return (own ?? code, null);
    }
}
