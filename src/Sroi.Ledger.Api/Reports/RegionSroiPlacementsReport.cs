using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.People;
using Sroi.Ledger.Api.Reports.Periods;

namespace Sroi.Ledger.Api.Reports;

/// <summary>One member's line of the region's report: the same figures as its own <c>GET /reports/sroi-placements</c>.</summary>
public sealed record RegionMemberSroiPlacements(string Municipality, string Name, long Count, long Regional, long Local, decimal? RegionalShare);

/// <param name="RegionVersion">The region's version whose members are summed: the one in force on the period's last day.</param>
/// <param name="RegionalShare">Regional / count over the members, rounded half away from zero to four decimals; null without SROI placements.</param>
public sealed record RegionSroiPlacementsReport(
    string Region,
    string RegionVersion,
    string Name,
    int? Year,
    long Count,
    long Regional,
    long Local,
    decimal? RegionalShare,
    IReadOnlyList<RegionMemberSroiPlacements> Members,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] PeriodAnswer? Period);

/// <summary>
/// GET /api/v1/reports/regions/{code}/sroi-placements: the SROI placements report of every member of the region, summed.
/// Each member's line is that municipality's own report (<see cref="SroiPlacementsReportQuery"/>), so the region's figures
/// and the members' cannot disagree; a placement counts where its candidate lives, whichever municipality led the contract.
/// Read by an admin and by the regional coordinator of the region (issue 21); as JSON or CSV by Accept.
/// </summary>
public static class RegionSroiPlacementsEndpoint
{
    public static readonly Role[] Readers = [Role.Admin, Role.Regiocoordinator];

    public static async Task<Results<JsonOrCsv<RegionSroiPlacementsReport>, ProblemHttpResult>> GetAsync(string code,
        [AsParameters] PeriodQuery period, [AsParameters] AsKnownOnQuery known, AcceptedFormat format, ClaimsPrincipal user, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (format.NotAcceptable is { } notAcceptable) return notAcceptable;
        var errors = new FieldErrors();
        var counted = period.Read(errors);
        var asKnownOn = known.Read(errors);
        if (errors.Any || counted is not { } p) return Problems.BadRequest(errors);
        if (Regions.ShippedRegions.Find(code) is not { } region) return Problems.NotFound($"Region {code}");
        // A region's code and members are public (GET /regions), so refusing another region's coordinator says nothing it
        // could not know: a 403, as a key naming another municipality (MunicipalityScope).
        var caller = Caller.From(user);
        if (!caller.MayReadRegion(region.Code))
            return Problems.Forbidden($"This key reads the region{(caller.Regions.Count == 1 ? "" : "s")} {string.Join(", ", caller.Regions)} only.");
        // A period before the region's first version: its first members (the data starts there, not the region).
        var version = region.InForceOn(p.To) ?? region.Versions.MinBy(v => v.EffectiveFrom)!;

        var rows = new RecordedRows(asKnownOn);
        var members = new List<RegionMemberSroiPlacements>(version.Members.Count);
        foreach (var member in version.Members)
        {
            var report = await SroiPlacementsReportQuery.QueryAsync(db, member, p, rows, ct);
            members.Add(new(member.Value, MunicipalityNames.Of(member.Value), report.Count, report.Regional, report.Local, report.RegionalShare));
        }
        var count = members.Sum(m => m.Count);
        var regional = members.Sum(m => m.Regional);
        decimal? share = count == 0 ? null : decimal.Round((decimal)regional / count, 4, MidpointRounding.AwayFromZero);
        return JsonOrCsv.As(format.Format, new RegionSroiPlacementsReport(region.Code, version.Id, version.Name, p.Year, count, regional,
            count - regional, share, members, PeriodAnswer.Stated(p)), ReportCsv.Export);
    }
}
