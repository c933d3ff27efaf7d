using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auditing;

/// <summary>
/// Whose ledger an audit read covers: an auditor's key its own municipality (naming another is a 403), an admin all of
/// them or the one named in <c>?municipality=</c>.
/// </summary>
public static class AuditScope
{
    /// <summary>The municipality (null: all of them), or the problem to answer; a bad code is added to <paramref name="errors"/>.</summary>
    public static (MunicipalityCode? Municipality, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) Of(
        Caller caller, QueryMunicipality? municipality, FieldErrors errors) =>
        MunicipalityScope.ForList(caller, municipality, errors);
}
