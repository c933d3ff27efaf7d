using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Balance;
using Sroi.Ledger.Api.Contracts.AmendingContract;
using Sroi.Ledger.Api.Contracts.AuditingContract;
using Sroi.Ledger.Api.Contracts.CompletingContract;
using Sroi.Ledger.Api.Contracts.ReadingContracts;
using Sroi.Ledger.Api.Contracts.RegisteringContract;
using Sroi.Ledger.Api.Contracts.SettlingObligation;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Contracts;

public static class ContractEndpoints
{
    public static readonly Role[] Readers = [Role.Inkoop, Role.Wsp, Role.Opdrachtnemer, Role.Auditor, Role.Admin];
}
