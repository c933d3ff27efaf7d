namespace Sroi.Ledger.Api.Auth;

/// <summary>What a key may do. Serialised in kebab case: inkoop, wsp, opdrachtnemer, auditor, admin, regiocoordinator.</summary>
public enum Role
{
    Inkoop,
    Wsp,
    Opdrachtnemer,
    Auditor,
    Admin,

    /// <summary>
    /// Issue 21: a regional coordinator, bound to one or more regions (<see cref="Caller.Regions"/>) instead of a
    /// municipality. Reads the region-level reports of its regions and the shipped reference data (regions, municipality
    /// names), nothing of a municipality's own ledger: a coordinator who also works for a municipality signs in with a
    /// second account in that role, as every person acts in one role per sign-in.
    /// </summary>
    Regiocoordinator,
}
