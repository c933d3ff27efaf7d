using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.People;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts.RegisteringContract;

/// <summary>
/// <c>participatingMunicipalities</c> of a registration, as far as the request alone decides (400, every fault named):
/// well-formed codes of the shipped municipality table, none twice, the lead among them, and others only on a regional
/// contract. Whether they are members of one region is the domain's rule (422, <see cref="Domain.Regions.RegionalParticipation"/>).
/// </summary>
public static class Participation
{
    public const string Field = "participatingMunicipalities";

    public static IReadOnlyList<MunicipalityCode> Validate(IReadOnlyList<string>? codes, ContractScope? scope, MunicipalityCode lead, FieldErrors errors)
    {
        if (codes is null) return [];
        var valid = new List<MunicipalityCode>(codes.Count);
        var faults = new List<string>();
        for (var i = 0; i < codes.Count; i++)
        {
            if (!MunicipalityCode.TryParse(codes[i], out var code)) faults.Add($"[{i}] is not a CBS municipality code (GM0000).");
            else if (!MunicipalityNames.All.ContainsKey(code.Value)) faults.Add($"[{i}] {code} is not a municipality (CBS gebiedsindeling 2025).");
            else if (valid.Contains(code)) faults.Add($"[{i}] {code} is named twice.");
            else valid.Add(code);
        }
        if (!valid.Contains(lead) && !codes.Contains(lead.Value))
            faults.Add($"The registering municipality {lead} (the lead) is not among them; it takes part in its own contract.");
        if (scope == ContractScope.Local && valid.Any(c => c != lead))
            faults.Add("Only a regional contract (scope regional) has other participating municipalities than the lead.");
        if (faults.Count == 0) return valid;
        errors.Add(Field, string.Join(" ", faults));
        return [];
    }
}
