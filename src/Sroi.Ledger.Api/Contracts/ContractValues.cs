using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

public static class ContractValues
{
    /// <summary>A contract value: required, positive, whole cents.</summary>
    public static Money? Validate(string field, decimal? euros, FieldErrors errors)
    {
        if (!errors.Required(field, euros)) return null;
        if (euros <= 0) { errors.Add(field, "Must be more than 0."); return null; }
        if (!Money.TryFromEuros(euros!.Value, out var money)) { errors.Add(field, "At most two decimals and at most 100 billion."); return null; }
        return money;
    }
}
