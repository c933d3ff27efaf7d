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

    public static (MunicipalityCode Municipality, IResult? Problem) ForRead(HttpContext http)
    {
        var caller = Caller.From(http);
        var text = http.Request.Query[Parameter].ToString();
        MunicipalityCode named = default;
        if (text.Length > 0 && !MunicipalityCode.TryParse(text, out named))
            return (default, Problems.BadRequest(Parameter, "Expected a CBS municipality code such as GM0603."));
        if (caller.Municipality is { } own)
            return text.Length == 0 || named == own
                ? (own, null)
                : (default, Problems.Forbidden($"This key reads {own} only."));
        return text.Length > 0 ? (named, null) : (default, Problems.BadRequest(Parameter, "Required for an admin key."));
    }
}
