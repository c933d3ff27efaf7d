using System.Text.Json;
using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Balance;

namespace Sroi.Ledger.Api.Balance;

/// <summary>
/// GET /api/v1/contracts/{id}/balance — from the contract's read row: obligation, accepted, pending, rejected,
/// remaining, percentage, value per kind, and the status on today's date (Europe/Amsterdam).
/// </summary>
public static class ContractBalanceEndpoint
{
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, ContractReader reader, IClock clock, CancellationToken ct)
    {
        var row = await reader.FindVisibleAsync(id, http, ct);
        if (row is null) return Problems.NotFound($"Contract {id}");
        var stored = JsonSerializer.Deserialize<StoredBalance>(row.Balance, LedgerJson.Options)!;
        var today = BusinessCalendar.Today(clock);
        var status = BalanceStatuses.On(FixedStatusOf(row.FixedStatus), row.BehindFrom, row.EndsOn, today);
        ETags.Set(http.Response, row.Version);
        return Results.Json(new BalanceResponse(id, today, status, stored.ObligationApplies, stored.Obligation, stored.Accepted, stored.Pending,
            stored.Rejected, stored.Remaining, stored.Percentage, stored.ByKind, stored.Settlement, row.StartsOn, row.EndsOn,
            stored.Accepted, stored.Percentage, row.Version), LedgerJson.Options);
    }

    private static BalanceStatus? FixedStatusOf(string? text) =>
        text is null ? null : Enum.GetValues<BalanceStatus>().Single(s => KebabEnumConverter<BalanceStatus>.NameOf(s) == text);
}
