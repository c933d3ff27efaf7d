namespace Sroi.Ledger.Api.Importing;

/// <summary>What a sheet holds: one row is one write of the endpoint named.</summary>
public enum ImportKind
{
    /// <summary>POST /api/v1/contracts, as procurement (inkoop) of the municipality.</summary>
    Contracts,
    /// <summary>POST /api/v1/contracts/{id}/fulfilments, as the WSP of the municipality.</summary>
    Fulfilments,
    /// <summary>POST /api/v1/candidates, as the WSP of the municipality.</summary>
    Candidates,
    /// <summary>POST /api/v1/candidates/{candidateNumber}/placements, as the WSP of the municipality.</summary>
    Placements,
}

public static class ImportKinds
{
    public const string Names = "contracts, fulfilments, candidates or placements";

    public static bool TryParse(string? text, out ImportKind kind)
    {
        kind = default;
        return text is "contracts" or "fulfilments" or "candidates" or "placements"
            && Enum.TryParse(text, ignoreCase: true, out kind);
    }

    public static string NameOf(ImportKind kind) => kind.ToString().ToLowerInvariant();
}
