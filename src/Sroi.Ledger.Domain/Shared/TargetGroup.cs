namespace Sroi.Ledger.Domain.Shared;

/// <summary>
/// The target group (doelgroep) a candidate belongs to, by the benefit they receive or their situation.
/// A fact about the valuation and the published figures, not an identity. Serialised in kebab case:
/// participatiewet, ww, wia, banenafspraak, no-benefit, young-without-qualification.
/// </summary>
public enum TargetGroup
{
    /// <summary>Bijstand under the Participatiewet.</summary>
    Participatiewet,

    /// <summary>Unemployment benefit (WW).</summary>
    Ww,

    /// <summary>Disability benefit (WIA).</summary>
    Wia,

    /// <summary>The jobs agreement (Wajong, Wsw, doelgroepregister).</summary>
    Banenafspraak,

    /// <summary>A jobseeker without a benefit.</summary>
    NoBenefit,

    /// <summary>A young person without a basic qualification (startkwalificatie).</summary>
    YoungWithoutQualification,
}
