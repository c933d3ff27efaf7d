using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Pso;

/// <param name="Municipality">Whose WSP verified it: a wsp key's own (may be left out); an admin names it.</param>
/// <param name="ValidTo">The last day the certificate is valid (included).</param>
/// <param name="CertificateNumber">The number on the certificate, as the certifying body issued it; optional.</param>
public sealed record RecordPsoCertificateRequest(
    [property: RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: Required] PsoLevel? Level,
    [property: Required] LocalDate? ValidFrom,
    [property: Required] LocalDate? ValidTo,
    [property: MaxLength(100)] string? CertificateNumber);

/// <param name="Reason">Why it is corrected: kept in the event's metadata and shown in the history.</param>
public sealed record CorrectPsoCertificateRequest(
    [property: RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: Required] PsoLevel? Level,
    [property: Required] LocalDate? ValidFrom,
    [property: Required] LocalDate? ValidTo,
    [property: MaxLength(100)] string? CertificateNumber,
    [property: Required, MaxLength(1000)] string? Reason);

/// <param name="Reason">Why it is withdrawn (recorded in error, revoked by the certifying body).</param>
public sealed record WithdrawPsoCertificateRequest(
    [property: RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: Required, MaxLength(1000)] string? Reason);

/// <summary>One certificate as the municipality's WSP recorded it.</summary>
/// <param name="Number">Its number within the organisation's certificates in the municipality: 1, 2, …</param>
public sealed record PsoCertificateResponse(KvkNumber KvkNumber, MunicipalityCode Municipality, int Number, PsoLevel Level,
    LocalDate ValidFrom, LocalDate ValidTo, string? CertificateNumber, bool Withdrawn)
{
    public static PsoCertificateResponse Of(MunicipalityCode municipality, KvkNumber kvk, PsoCertificate c) =>
        new(kvk, municipality, c.Number, c.Level, c.ValidFrom, c.ValidTo, c.CertificateNumber, c.Withdrawn);
}

/// <param name="AsKnownOn">The moment asked for; null: now.</param>
/// <param name="ValidOn">The certificate valid on <c>validOn</c> when asked; null otherwise or when none is.</param>
/// <param name="Version">The stream's version (0: nothing recorded); the ETag of a correction's If-Match.</param>
public sealed record PsoCertificateList(KvkNumber KvkNumber, MunicipalityCode Municipality, Instant? AsKnownOn,
    IReadOnlyList<PsoCertificateResponse> Certificates, PsoCertificateResponse? ValidOn, long Version);

public sealed record PsoCertificateQuery
{
    [Description("A CBS municipality code: whose WSP's records (a key bound to a municipality reads its own; an admin names one).")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("A date: also answer which certificate is valid on it.")]
    public QueryDate? ValidOn { get; init; }
}

/// <summary>
/// /api/v1/contractors/{kvk}/pso-certificates: a municipality's WSP records the PSO certificates it verified, corrects and
/// withdraws them; every role of the municipality reads them, now or as known on a moment.
/// </summary>
public static class PsoCertificateEndpoints
{
    public static async Task<Results<WrittenNew<PsoCertificateResponse>, ProblemHttpResult>> RecordAsync(
        string kvk, JsonBody<RecordPsoCertificateRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        var organisation = Kvk(kvk, errors);
        Terms(request.Level, request.ValidFrom, request.ValidTo, request.CertificateNumber, errors);
        var caller = Caller.From(user);
        var (municipality, forbidden) = Municipality(caller, request.Municipality, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        var command = new RecordPsoCertificate(organisation, request.Level!.Value, request.ValidFrom!.Value, request.ValidTo!.Value, Trimmed(request.CertificateNumber));
        return await writer.WriteAsync<PsoCertificatesDocument, WrittenNew<PsoCertificateResponse>>(Stream(municipality, organisation), caller, headers,
            body.Fingerprint, reason: null, (document, _) =>
            {
                var recorded = PsoCertificateDecider.Decide(command, document?.Certificates);
                var after = PsoCertificateDecider.Evolve(document?.Certificates, recorded);
                return new Decision<WrittenNew<PsoCertificateResponse>>([recorded], Answers.Created(
                    PsoCertificateResponse.Of(municipality, organisation, after.Find(recorded.Number)!),
                    $"/api/v1/contractors/{organisation}/pso-certificates?municipality={municipality}"))
                {
                    FollowUps = [ReapplyPso.ForCertificates(municipality, organisation, $"pso-certificate {organisation}/{recorded.Number} recorded")],
                };
            }, ct);
    }

    public static async Task<Results<Written<PsoCertificateResponse>, ProblemHttpResult>> CorrectAsync(
        string kvk, string number, JsonBody<CorrectPsoCertificateRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        var organisation = Kvk(kvk, errors);
        var certificate = Number(number, errors);
        Terms(request.Level, request.ValidFrom, request.ValidTo, request.CertificateNumber, errors);
        errors.RequiredText("reason", request.Reason, 1000);
        var caller = Caller.From(user);
        var (municipality, forbidden) = Municipality(caller, request.Municipality, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        var command = new CorrectPsoCertificate(organisation, certificate, request.Level!.Value, request.ValidFrom!.Value, request.ValidTo!.Value,
            Trimmed(request.CertificateNumber));
        return await OnCertificateAsync(writer, municipality, organisation, certificate, caller, headers, body.Fingerprint, request.Reason,
            (recorded, state) => PsoCertificateDecider.Decide(command, recorded, state), ct);
    }

    public static async Task<Results<Written<PsoCertificateResponse>, ProblemHttpResult>> WithdrawAsync(
        string kvk, string number, JsonBody<WithdrawPsoCertificateRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        var organisation = Kvk(kvk, errors);
        var certificate = Number(number, errors);
        errors.RequiredText("reason", request.Reason, 1000);
        var caller = Caller.From(user);
        var (municipality, forbidden) = Municipality(caller, request.Municipality, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        return await OnCertificateAsync(writer, municipality, organisation, certificate, caller, headers, body.Fingerprint, request.Reason,
            PsoCertificateDecider.Withdraw, ct);
    }

    /// <summary>
    /// The organisation's certificates in the municipality, today's or as known on <c>asKnownOn</c>; none recorded is an empty
    /// list (the WSP verified none), not a 404. A contractor's key reads only its own KvK number's.
    /// </summary>
    public static async Task<Results<Ok<PsoCertificateList>, ProblemHttpResult>> ListAsync(
        string kvk, [AsParameters] PsoCertificateQuery query, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, IDocumentStore store,
        Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var organisation = Kvk(kvk, errors);
        var asKnownOn = known.Read(errors);
        var validOn = query.ValidOn is { Text.Length: > 0 } date ? date.Read("validOn", errors) : null;
        if (errors.Any) return Problems.BadRequest(errors);
        var caller = Caller.From(user);
        var (municipality, problem) = MunicipalityScope.ForRead(caller, new MunicipalityQuery { Municipality = query.Municipality });
        if (problem is not null) return problem;
        if (caller.KvkNumber is { } own && own != organisation) return Problems.NotFound($"PSO certificates of {organisation}");
        var (reach, beyondReach) = await MunicipalityScope.ContractorReachAsync(db, caller, municipality, ct);
        if (beyondReach is not null) return beyondReach;

        var document = await PsoCertificateStore.ReadAsync(store, municipality, organisation, asKnownOn, ct);
        var certificates = document?.Certificates.Items.Select(c => PsoCertificateResponse.Of(municipality, organisation, c)).ToList() ?? [];
        var valid = validOn is { } on ? document?.Certificates.ValidOn(on) : null;
        return TypedResults.Ok(new PsoCertificateList(organisation, municipality, asKnownOn, certificates,
            valid is null ? null : PsoCertificateResponse.Of(municipality, organisation, valid), document?.StreamVersion ?? 0));
    }

    private static Task<Results<Written<PsoCertificateResponse>, ProblemHttpResult>> OnCertificateAsync(LedgerWriter writer, MunicipalityCode municipality,
        KvkNumber organisation, int number, Caller caller, WriteHeaders headers, byte[] fingerprint, string? reason,
        Func<PsoCertificate, PsoCertificates, object> decide, CancellationToken ct) =>
        writer.WriteAsync<PsoCertificatesDocument, Written<PsoCertificateResponse>>(Stream(municipality, organisation), caller, headers, fingerprint, reason,
            (document, _) =>
            {
                if (document?.Certificates.Find(number) is not { } certificate)
                    return Problems.NotFound($"PSO certificate {number} of {organisation} in {municipality}");
                var e = decide(certificate, document.Certificates);
                var after = PsoCertificateDecider.Evolve(document.Certificates, e);
                // The contracts it touches (the organisation's own, and those with its purchases) get their new terms once this commits.
                var what = e is PsoCertificateWithdrawn ? "withdrawn" : "corrected";
                return new Decision<Written<PsoCertificateResponse>>([e], Answers.Changed(PsoCertificateResponse.Of(municipality, organisation, after.Find(number)!)))
                {
                    FollowUps = [ReapplyPso.ForCertificates(municipality, organisation, $"pso-certificate {organisation}/{number} {what}")],
                };
            }, ct);

    private static LedgerStream<PsoCertificatesDocument> Stream(MunicipalityCode municipality, KvkNumber organisation) =>
        new(municipality, PsoEvents.StreamOf(organisation), $"The PSO certificates of {organisation} in {municipality}");

    private static KvkNumber Kvk(string text, FieldErrors errors)
    {
        if (KvkNumber.TryParse(text, out var kvk)) return kvk;
        errors.Add("kvk", "An 8-digit KvK number.");
        return default;
    }

    // Not a route constraint: a path that is no number is then a 400 naming it, not a plain 404 of the router.
    private static int Number(string text, FieldErrors errors)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
            return number;
        errors.Add("number", "The certificate's number in the list: 1, 2, …");
        return 0;
    }

    private static void Terms(PsoLevel? level, LocalDate? from, LocalDate? to, string? certificateNumber, FieldErrors errors)
    {
        errors.Required("level", level);
        var hasFrom = errors.Required("validFrom", from);
        if (errors.Required("validTo", to) && hasFrom && to < from) errors.Add("validTo", "On or after validFrom.");
        if (certificateNumber is not null) errors.OptionalText("certificateNumber", certificateNumber, 100);
    }

    /// <summary>A wsp key records in its own municipality (naming another is a 403); an admin names the municipality.</summary>
    private static (MunicipalityCode Municipality, ProblemHttpResult? Forbidden) Municipality(Caller caller, string? named, FieldErrors errors)
    {
        MunicipalityCode code = default;
        if (named is not null && !MunicipalityCode.TryParse(named, out code))
        {
            errors.Add("municipality", QueryParameters.MunicipalityMessage);
            return (default, null);
        }
        if (caller.Municipality is { } own)
            return named is null || code == own ? (own, null) : (own, Problems.Forbidden($"This key records PSO certificates in {own} only."));
        if (named is null) errors.Add("municipality", "Required for an admin key: whose WSP verified the certificate.");
        return (code, null);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Reads an organisation's certificates in a municipality: the document Marten keeps, or the fold as known on a moment.</summary>
public static class PsoCertificateStore
{
    public static async Task<PsoCertificatesDocument?> ReadAsync(IDocumentStore store, MunicipalityCode municipality, KvkNumber organisation,
        Instant? asKnownOn, CancellationToken ct)
    {
        await using var session = store.QuerySession(municipality.Value);
        var id = PsoEvents.StreamOf(organisation).Value;
        return asKnownOn is { } moment
            ? await session.Events.AggregateStreamAsync<PsoCertificatesDocument>(id, timestamp: moment.ToDateTimeOffset(), token: ct)
            : await session.LoadAsync<PsoCertificatesDocument>(id, ct);
    }
}
