using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// Whose notifications a caller reads (the feed and its unread count alike): a WSP its municipality's WSP notifications, a
/// contractor its own (one without a municipality: in every municipality, or of <c>municipality</c>), an admin all (or
/// of <c>municipality</c>), an auditor its municipality's audit signals; inkoop none.
/// </summary>
public static class FeedAudience
{
    /// <param name="feed">A query over <c>sroi_notifications n</c>.</param>
    public static void Restrict(FilteredQuery feed, Caller caller, MunicipalityCode? municipality)
    {
        switch (caller.Role)
        {
            case Role.Admin:
                if (municipality is { } m) feed.And("n.tenant_id = ?", m.Value);
                break;
            case Role.Wsp:
                feed.And("n.tenant_id = ?", caller.Municipality!.Value.Value).And("n.to_wsp");
                break;
            case Role.Opdrachtnemer:
                // A contractor bound to a municipality reads its notifications there; one acting in every municipality reads
                // them all (every one sent to its KvK number is about its own contract), or of the one it names.
                if (municipality is { } where) feed.And("n.tenant_id = ?", where.Value);
                feed.And("n.to_kvk = ?", caller.KvkNumber!.Value.Value);
                break;
            case Role.Auditor:
                feed.And("n.tenant_id = ?", caller.Municipality!.Value.Value).And("n.type = ANY(?)", SignalType.ToAuditor.ToArray());
                break;
            default:
                feed.And("false");
                break;
        }
    }
}
