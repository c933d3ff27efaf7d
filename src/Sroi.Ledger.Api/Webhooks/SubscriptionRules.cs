using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Notifications;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>What a subscription request must hold: an absolute http(s) URL, known types its subscriber gets, and a subscriber the caller may speak for.</summary>
public static class SubscriptionRules
{
    /// <summary>How long a subscription waits for DNS to judge its URL's name; past that the name is judged on delivery only.</summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public static async Task<string?> UrlAsync(string? url, ReceiverAddresses addresses, FieldErrors errors, CancellationToken ct)
    {
        // Not screened for a BSN like the ledger's text: a URL is a delivery setting that never enters an event, and a
        // receiver's URL often carries a long random token whose digits pass the elfproef by chance.
        if (!errors.RequiredText("url", url, WebhookSubscriptions.MaxUrlLength, screenForBsn: false)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add("url", "Expected an absolute http or https URL.");
        else if (uri.UserInfo.Length > 0)
            errors.Add("url", "A URL with a user name or password is refused; authenticate the deliveries by their signature.");
        else if (uri.Fragment.Length > 0)
            errors.Add("url", "A URL with a fragment (#…) is refused: it is never sent.");
        // Checked again on every delivery, after DNS (ReceiverAddresses.ConnectAsync); what is inside already is refused now.
        else if (await addresses.RefusalAsync(uri, ResolveTimeout, ct) is { } refused)
            errors.Add("url", refused);
        else return uri.AbsoluteUri;
        return null;
    }

    /// <summary>
    /// The subscriber: the caller itself, or whom an admin names. A key that names another subscriber is a 403. A contractor
    /// acting in every municipality subscribes for itself everywhere (no municipality).
    /// </summary>
    public static (MunicipalityCode? Municipality, KvkNumber? Kvk, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Forbidden) Subscriber(
        Caller caller, string? municipality, string? kvkNumber, FieldErrors errors)
    {
        MunicipalityCode? code = null;
        if (municipality is not null)
        {
            if (MunicipalityCode.TryParse(municipality, out var parsed)) code = parsed;
            else errors.Add("municipality", "Expected a CBS municipality code such as GM0603.");
        }
        KvkNumber? kvk = null;
        if (kvkNumber is not null)
        {
            if (KvkNumber.TryParse(kvkNumber, out var parsed)) kvk = parsed;
            else errors.Add("kvkNumber", "Expected exactly 8 digits.");
        }

        if (caller.Role == Role.Admin)
        {
            if (municipality is null) errors.Add("municipality", "Required for an admin: the municipality whose notifications are posted.");
            return (code, kvk, null);
        }
        var own = caller.Role == Role.Opdrachtnemer ? caller.KvkNumber : null;
        if ((code is { } named && named != caller.Municipality) || (kvk is { } namedKvk && namedKvk != own))
            return (null, null, Problems.Forbidden("A key subscribes only for itself: leave out municipality and kvkNumber, or give its own."));
        return (caller.Municipality, own, null);
    }

    /// <summary>
    /// Who a subscription is for: a contractor (a KvK number), a municipality's auditors (an auditor key; an admin asking for
    /// audit types only), or its WSP.
    /// </summary>
    public static Audience AudienceOf(Caller caller, KvkNumber? kvk, IReadOnlyList<string?>? types) =>
        kvk is not null ? Audience.Contractor
        : caller.Role == Role.Auditor ? Audience.Auditor
        : caller.Role == Role.Admin && types is { Count: > 0 } && types.All(t => t is not null && SignalType.GoesToAuditor(t)) ? Audience.Auditor
        : Audience.Wsp;

    /// <summary>Known, distinct types that the subscriber gets.</summary>
    public static IReadOnlyList<string> Types(IReadOnlyList<string?>? types, Audience audience, FieldErrors errors)
    {
        var (who, allowed) = audience switch
        {
            Audience.Contractor => ("a contractor", SignalType.ToContractor),
            Audience.Auditor => ("an auditor", SignalType.ToAuditor),
            _ => ("the WSP", SignalType.ToWsp),
        };
        if (types is null || types.Count == 0) { errors.Add("types", "Give at least one type: " + string.Join(", ", SignalType.All) + "."); return []; }
        var chosen = new List<string>();
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            var field = $"types[{i}]";
            if (type is null || !SignalType.All.Contains(type))
                errors.Add(field, "Unknown type; expected one of " + string.Join(", ", SignalType.All) + ".");
            else if (!allowed.Contains(type))
                errors.Add(field, $"{type} is not sent to {who}; it gets " + string.Join(", ", allowed) +
                                  (audience == Audience.Wsp && SignalType.GoesToAuditor(type) ? " (audit types go to an auditor's subscription: ask for them alone)." : "."));
            else if (chosen.Contains(type)) errors.Add(field, "Given twice.");
            else chosen.Add(type);
        }
        return chosen;
    }
}

/// <summary>Whom a subscription's notifications are for (sroi_webhook_subscriptions: kvk_number, auditor).</summary>
public enum Audience
{
    Wsp,
    Contractor,
    Auditor,
}
