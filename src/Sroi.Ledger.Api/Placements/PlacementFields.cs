using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Placements;

/// <summary>The field checks that recording and correcting a placement share.</summary>
public static class PlacementFields
{
    public static void CheckHours(decimal hours, FieldErrors errors)
    {
        if (!WorkingHours.AreValid(hours))
            errors.Add("hoursPerWeek", $"Above 0, at most {WorkingHours.MaxPerWeek}, at most two decimals.");
    }

    /// <summary>A contract goes with channel sroi and with no other; <paramref name="channel"/> null: the channel is not being set.</summary>
    public static void CheckContract(PlacementChannel? channel, Guid? contractId, FieldErrors errors, bool channelRequired = true)
    {
        if (channel == PlacementChannel.Sroi && contractId is null && channelRequired)
            errors.Add("sroiContractId", "Required when channel is sroi: the SROI contract the placement was found under.");
        if (channel is { } given && given != PlacementChannel.Sroi && contractId is not null)
            errors.Add("sroiContractId", "Only a placement through channel sroi names an SROI contract.");
    }
}
