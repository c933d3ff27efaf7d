using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// The holder of the API key of this request. Admins act across municipalities; every other key is bound to
/// one municipality, and a contractor's key also to its KvK number.
/// </summary>
public sealed record Caller(string KeyId, Role Role, MunicipalityCode? Municipality, KvkNumber? KvkNumber)
{
    private const string ItemKey = "sroi.caller";

    /// <summary>Recorded as the actor in every event's metadata.</summary>
    public string Actor => $"{Role.ToString().ToLowerInvariant()}:{KeyId}";

    public bool MaySee(MunicipalityCode municipality, KvkNumber contractor) => Role switch
    {
        Role.Admin => true,
        Role.Opdrachtnemer => Municipality == municipality && KvkNumber == contractor,
        _ => Municipality == municipality,
    };

    public static Caller From(HttpContext context) =>
        context.Items[ItemKey] as Caller ?? throw new InvalidOperationException("The endpoint has no role filter.");

    /// <summary>The resolved caller, or null before the key is resolved or when it is unknown.</summary>
    public static Caller? Find(HttpContext context) => context.Items[ItemKey] as Caller;

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
