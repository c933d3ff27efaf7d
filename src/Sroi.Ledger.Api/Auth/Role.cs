namespace Sroi.Ledger.Api.Auth;

/// <summary>What a key may do. Serialised in kebab case: inkoop, wsp, opdrachtnemer, auditor, admin.</summary>
public enum Role
{
    Inkoop,
    Wsp,
    Opdrachtnemer,
    Auditor,
    Admin,
}
