namespace Sroi.Ledger.Domain.Contracts;

/// <summary>The three procurement categories; SROI thresholds may differ per category.</summary>
public enum ContractCategory
{
    Werken,
    Diensten,
    Leveringen,
}

/// <summary>Whether the contract was tendered by the municipality alone or regionally.</summary>
public enum ContractScope
{
    Local,
    Regional,
}

public enum ContractStatus
{
    Active,
    Completed,
}
