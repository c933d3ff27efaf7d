using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Programmes;
using Sroi.Ledger.Domain.Programmes;

namespace Sroi.Ledger.Api.Reports;

/// <summary>Issue 22: the programme and school-leaver reports, checked as every report is (<see cref="ReportEndpoints.Check{T}"/>).</summary>
public static class ProgrammeReportEndpoints
{
    /// <summary>After the report's checks, the programme as known then (404 when the ledger did not know it): its name and outcomes.</summary>
    public static async Task<Results<JsonOrCsv<ProgrammeReport>, ProblemHttpResult>> ProgrammeAsync(string code,
        [AsParameters] ProgrammePeriodQuery period, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, ProgrammeReader programmes, NpgsqlDataSource db, CancellationToken ct)
    {
        // The code is checked with the query, not before it: as every report, 406 and 403 first, then one 400 naming
        // every bad value (a bad code alone used to answer before both and hid a bad from or to).
        var (request, problem) = ReportEndpoints.Check(format, scope, known, user, errors =>
        {
            var counted = period.Read(errors);
            if (!ProgrammeCodes.IsCode(code)) errors.Add(ProgrammePath.Field, ProgrammeCodes.Message);
            return counted;
        });
        if (request is not { } r) return problem!;
        var programme = r.Rows.AsKnownOn is { } moment
            ? await programmes.KnownOnAsync(r.Municipality, code, moment, ct)
            : await programmes.LoadAsync(r.Municipality, code, ct);
        if (programme is null) return Problems.NotFound($"Programme {code}");
        var report = await ProgrammeReportQuery.QueryAsync(db, r.Municipality, code, programme.State.Name, programme.State.Outcomes, r.Parameter,
            r.Rows, ct);
        return JsonOrCsv.As(r.Format, report, ReportCsv.Export);
    }

    public static async Task<Results<JsonOrCsv<SchoolLeaversReport>, ProblemHttpResult>> SchoolLeaversAsync(
        [AsParameters] SchoolLeaversQuery query, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = ReportEndpoints.Check(format, scope, known, user, query.Read);
        if (request is not { } r) return problem!;
        var report = await SchoolLeaversReportQuery.QueryAsync(db, r.Municipality, r.Parameter.AsOf, r.Parameter.SchoolYear, r.Rows, ct);
        return JsonOrCsv.As(r.Format, report, ReportCsv.Export);
    }
}
