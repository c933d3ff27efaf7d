using System.ComponentModel;
using Sroi.Ledger.Api.People;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary>
/// A row of <c>GET /contracts</c>: the contract as <c>GET /contracts/{id}</c> shows it, and what a list row needs beside it
/// so that a page draws the list from one request (a contractor sees what it still owes in every municipality at once):
/// the municipality's name, the remaining obligation and where the balance stands today. The two figures are the balance's
/// (<c>GET /contracts/{id}/balance</c>), read from the same document.
/// </summary>
public sealed record ContractListItem : ContractResponse
{
    public ContractListItem(ContractDocument document, NodaTime.LocalDate today) : base(ContractView.From(document))
    {
        MunicipalityName = MunicipalityNames.Of(document.State.Municipality.Value);
        Remaining = document.Balance.Remaining;
        BalanceStatus = document.Balance.StatusOn(today);
    }

    [Description("The municipality's name (the shipped CBS table; the code itself when the table does not list it).")]
    public string MunicipalityName { get; init; }

    [Description("What is still owed today: the obligation less the accepted value, never below 0 (the balance's `remaining`).")]
    public Money Remaining { get; init; }

    [Description("Where the balance stands today (the balance's `status`); the obligation is due by `endsOn`.")]
    public BalanceStatus BalanceStatus { get; init; }
}
