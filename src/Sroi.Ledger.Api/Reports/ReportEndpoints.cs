using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Reports.Periods;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// The yearly figures a municipality publishes, as SQL aggregates over the read tables, as JSON or CSV by Accept. A key
/// bound to a municipality reads its own (naming another is 403); an admin names one.
/// </summary>
public static class ReportEndpoints
{
    public static readonly Role[] Readers = [Role.Wsp, Role.Auditor, Role.Admin];

    /// <summary>One year's report, or with <c>from</c> and <c>to</c> a row per year plus their total.</summary>
    public static async Task<Results<JsonOrCsv<PlacementsReport>, JsonOrCsv<PlacementsRangeReport>, ProblemHttpResult>> PlacementsAsync(
        [AsParameters] PeriodQuery period, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, period.Read);
        if (request is not { } r) return problem!;
        var report = await PlacementsReportQuery.QueryAsync(db, r.Municipality, r.Parameter, r.Rows, ct);
        return r.Parameter.Kind == ReportPeriodKind.Years
            ? JsonOrCsv.As(r.Format, report, ReportCsv.Export)
            : JsonOrCsv.As(r.Format, PlacementsReportQuery.Single(report, r.Parameter), ReportCsv.Export);
    }

    public static async Task<Results<JsonOrCsv<SroiPlacementsReport>, ProblemHttpResult>> SroiPlacementsAsync(
        [AsParameters] PeriodQuery period, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, period.Read);
        if (request is not { } r) return problem!;
        return JsonOrCsv.As(r.Format, await SroiPlacementsReportQuery.QueryAsync(db, r.Municipality, r.Parameter, r.Rows, ct), ReportCsv.Export);
    }

    public static async Task<Results<JsonOrCsv<TredeDistributionReport>, ProblemHttpResult>> TredeDistributionAsync(
        [AsParameters] AsOfQuery asOf, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, asOf.Read);
        if (request is not { } r) return problem!;
        return JsonOrCsv.As(r.Format, await TredeDistributionReportQuery.QueryAsync(db, r.Municipality, r.Parameter, r.Rows, ct), ReportCsv.Export);
    }

    public static async Task<Results<JsonOrCsv<TredeFlowReport>, ProblemHttpResult>> TredeFlowAsync(
        [AsParameters] PeriodQuery period, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, period.Read);
        if (request is not { } r) return problem!;
        return JsonOrCsv.As(r.Format, await TredeFlowReportQuery.QueryAsync(db, r.Municipality, r.Parameter, r.Rows, ct), ReportCsv.Export);
    }

    /// <summary>
    /// Duurzame plaatsing of a period's placements after <c>months</c>, measured on <c>asOf</c>: by default today, or as
    /// known on an instant the date of that instant, never later than today (what the ledger would have answered then).
    /// </summary>
    public static async Task<Results<JsonOrCsv<DurablePlacementsReport>, ProblemHttpResult>> DurablePlacementsAsync(
        [AsParameters] PeriodQuery period, [AsParameters] DurabilityQuery durability, [AsParameters] MunicipalityQuery scope,
        [AsParameters] AsKnownOnQuery known, AcceptedFormat format, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, errors =>
        {
            var counted = period.Read(errors);
            var (months, asOf) = durability.Read(errors);
            // A peildatum before the period measures nothing that started in it: a mistake in the request, as to before from.
            if (counted is { } c && asOf is { } given && given < c.From)
            {
                errors.Add("asOf", $"Not before the period's start ({c.From:yyyy-MM-dd}).");
                return null;
            }
            // Nor after the date of what the ledger knows (asKnownOn, or now): an open placement would count as "still
            // working" on a date no one has seen yet, a forecast presented as a figure. (asKnownOn is read, and any bad
            // value of it named, by Check; a bad one leaves this check to the next request.)
            var latest = KnownDate(known.Read(new FieldErrors()), clock);
            if (asOf is { } measured && measured > latest)
            {
                errors.Add("asOf", $"Not after {latest:yyyy-MM-dd}, the date of what the ledger knows.");
                return null;
            }
            return counted is { } p ? new DurabilityRequest(p, months, asOf) : (DurabilityRequest?)null;
        });
        if (request is not { } r) return problem!;
        var asOf = r.Parameter.AsOf ?? KnownDate(r.Rows.AsKnownOn, clock);
        return JsonOrCsv.As(r.Format,
            await DurablePlacementsReportQuery.QueryAsync(db, r.Municipality, r.Parameter.Period, r.Parameter.Months, asOf, r.Rows, ct), ReportCsv.Export);
    }

    /// <summary>
    /// The last date the ledger's knowledge reaches: the date of asKnownOn, but never after today (an instant still to come
    /// is answered with what is known now, so it knows no later date than today).
    /// </summary>
    private static LocalDate KnownDate(Instant? asKnownOn, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        return BusinessCalendar.DateOf(asKnownOn is { } moment && moment < now ? moment : now);
    }

    public static async Task<Results<JsonOrCsv<BenefitDurationReport>, ProblemHttpResult>> BenefitDurationAsync(
        [AsParameters] AsOfQuery asOf, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, asOf.Read);
        if (request is not { } r) return problem!;
        return JsonOrCsv.As(r.Format, await BenefitDurationReportQuery.QueryAsync(db, r.Municipality, r.Parameter, r.Rows, ct), ReportCsv.Export);
    }

    public static async Task<Results<JsonOrCsv<CaseloadReport>, ProblemHttpResult>> CaseloadAsync(
        [AsParameters] AsOfQuery asOf, [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, AcceptedFormat format,
        ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var (request, problem) = Check(format, scope, known, user, asOf.Read);
        if (request is not { } r) return problem!;
        return JsonOrCsv.As(r.Format, await CaseloadReportQuery.QueryAsync(db, r.Municipality, r.Parameter, r.Rows, ct), ReportCsv.Export);
    }

    /// <summary>What a report is computed for: the municipality, its own parameter, the rows as known then, JSON or CSV.</summary>
    internal readonly record struct ReportRequest<T>(MunicipalityCode Municipality, T Parameter, RecordedRows Rows, ResponseFormat Format);

    /// <summary>
    /// An Accept that allows neither format (406) first, then another municipality than the key's (403), then bad parameters
    /// (400, every one named), then the report: today's, or with <c>?asKnownOn=</c> (alias <c>knownOn</c>) the answer the
    /// ledger would have given at that instant.
    /// </summary>
    internal static (ReportRequest<T>? Request, ProblemHttpResult? Problem) Check<T>(
        AcceptedFormat format, MunicipalityQuery scope, AsKnownOnQuery known, ClaimsPrincipal user, Func<FieldErrors, T?> read) where T : struct
    {
        if (format.NotAcceptable is { } notAcceptable) return (null, notAcceptable);
        var (municipality, outside) = MunicipalityScope.ForRead(Caller.From(user), scope);
        var errors = new FieldErrors();
        var parameter = read(errors);
        var asKnownOn = known.Read(errors);
        if (outside is not null) return (null, outside);
        if (errors.Any || parameter is not { } value) return (null, Problems.BadRequest(errors));
        return (new ReportRequest<T>(municipality, value, new RecordedRows(asKnownOn), format.Format), null);
    }
}
