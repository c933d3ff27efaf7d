using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Programmes;

/// <param name="Code">Kebab case (<c>meedoen-werkt</c>), unique in the municipality: it names the programme in URLs and reports.</param>
/// <param name="EndsOn">Leave it out for a programme that runs on.</param>
/// <param name="Outcomes">The outcome codes it counts: first-talk, activated, to-work, more-hours, self-supporting, or its own (kebab case).</param>
public sealed record RegisterProgrammeRequest(
    [property: Required] MunicipalityCode? Municipality,
    [property: Required, RegularExpression(ProgrammeCodes.Pattern), MaxLength(ProgrammeCodes.MaxLength)] string? Code,
    [property: Required, MaxLength(ProgrammeDecider.MaxNameLength)] string? Name,
    [property: Required] LocalDate? StartsOn,
    LocalDate? EndsOn,
    [property: Required] IReadOnlyList<string>? Outcomes);

/// <summary>What is given replaces what was; the start and the code never change.</summary>
public sealed record AmendProgrammeRequest(
    [property: MaxLength(ProgrammeDecider.MaxNameLength)] string? Name,
    LocalDate? EndsOn,
    IReadOnlyList<string>? Outcomes,
    [property: Required, MaxLength(500)] string? Reason);

/// <summary>POST /api/v1/programmes and POST /api/v1/programmes/{code}/amendment: a programme's data, recorded as events.</summary>
public static class ProgrammeWrites
{
    public static async Task<Results<WrittenNew<ProgrammeResponse>, ProblemHttpResult>> RegisterAsync(
        JsonBody<RegisterProgrammeRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        errors.Required("municipality", request.Municipality);
        if (errors.RequiredText("code", request.Code, ProgrammeCodes.MaxLength) && !ProgrammeCodes.IsCode(request.Code))
            errors.Add("code", ProgrammeCodes.Message);
        errors.RequiredText("name", request.Name, ProgrammeDecider.MaxNameLength);
        errors.Required("startsOn", request.StartsOn);
        if (request.EndsOn < request.StartsOn) errors.Add("endsOn", "Not before startsOn.");
        if (request.Outcomes is null) errors.Add("outcomes", "Required.");
        else CheckOutcomes(request.Outcomes, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var municipality = request.Municipality!.Value;
        if (caller.Municipality is { } own && own != municipality)
            return Problems.Forbidden($"This key registers programmes for {own} only.");

        var command = new RegisterProgramme(municipality, request.Code!, request.Name!, request.StartsOn!.Value, request.EndsOn, request.Outcomes!);
        return await writer.WriteAsync<ProgrammeDocument, WrittenNew<ProgrammeResponse>>(Stream(municipality, command.Code), caller, headers,
            body.Fingerprint, reason: null, (document, version) =>
            {
                // The code names the programme: a second registration is a conflict with what is there, not a broken rule.
                if (document is not null)
                    return Problems.Conflict($"Programme {command.Code} is already registered in {municipality}.", "code");
                var registered = ProgrammeDecider.Decide(command, ProgrammeState.Initial);
                return new Decision<WrittenNew<ProgrammeResponse>>([registered], Answers.Created(
                    ProgrammeResponse.From(ProgrammeDecider.Evolve(ProgrammeState.Initial, registered), version + 1), PathOf(command.Code)));
            }, ct);
    }

    public static async Task<Results<Written<ProgrammeResponse>, ProblemHttpResult>> AmendAsync(string code,
        JsonBody<AmendProgrammeRequest> body, [AsParameters] WriteHeaders headers, [AsParameters] MunicipalityQuery scope, ClaimsPrincipal user,
        LedgerWriter writer, NpgsqlDataSource db, CancellationToken ct)
    {
        var (_, badCode) = ProgrammePath.Parse(code);
        if (badCode is not null) return badCode;
        var caller = Caller.From(user);
        var (municipality, outside) = MunicipalityScope.ForRead(caller, scope);
        if (outside is not null) return outside;
        var request = body.Value;
        var errors = body.Errors;
        if (request.Name is not null) errors.RequiredText("name", request.Name, ProgrammeDecider.MaxNameLength);
        if (request.Outcomes is not null) CheckOutcomes(request.Outcomes, errors);
        errors.RequiredText("reason", request.Reason);
        if (errors.Any) return Problems.BadRequest(errors);

        // The latest enrolment and outcome, read once the programme is locked: an enrolment or outcome holds that lock shared
        // until it commits (EnrolmentEndpoints), so none is in flight while this reads, and none decides on the old end after.
        (LocalDate? Enrolment, LocalDate? Outcome) latest = default;
        var reads = new ReadUnderLock(null, async token =>
        {
            if (request.EndsOn is not null) latest = await LatestDaysAsync(db, municipality, code, token);
        });
        return await writer.WriteAsync<ProgrammeDocument, Written<ProgrammeResponse>>(Stream(municipality, code) with { Reads = reads }, caller, headers,
            body.Fingerprint, request.Reason, (document, version) =>
            {
                if (document is null) return Problems.NotFound($"Programme {code}");
                var command = new AmendProgramme(request.Name, request.EndsOn, request.Outcomes, request.Reason!, latest.Enrolment, latest.Outcome);
                var amended = ProgrammeDecider.Decide(command, document.State);
                return new Decision<Written<ProgrammeResponse>>([amended],
                    Answers.Changed(ProgrammeResponse.From(ProgrammeDecider.Evolve(document.State, amended), version + 1)));
            }, ct);
    }

    public static string PathOf(string code) => $"/api/v1/programmes/{code}";

    /// <summary>
    /// The latest enrolment day and the latest day an outcome was reached on the programme, from today's rows of
    /// <c>programme_enrolments</c> and <c>programme_outcomes</c> (Schema/090): both are on the candidates' streams. Read
    /// before the write, as an enrolment reads the programme before its own.
    /// </summary>
    private static async Task<(LocalDate? Enrolment, LocalDate? Outcome)> LatestDaysAsync(NpgsqlDataSource db, MunicipalityCode municipality,
        string code, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT (SELECT max(enrolled_on) FROM programme_enrolments
                    WHERE municipality = $1 AND programme = $2 AND recorded_until = 'infinity'),
                   (SELECT max(reached_on) FROM programme_outcomes
                    WHERE municipality = $1 AND programme = $2 AND recorded_until = 'infinity')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (DateAt(reader, 0), DateAt(reader, 1));
    }

    private static LocalDate? DateAt(NpgsqlDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        LocalDate date => date,
        DateOnly date => LocalDate.FromDateOnly(date),
        DateTime date => LocalDate.FromDateTime(date),
        _ => null,
    };

    private static LedgerStream<ProgrammeDocument> Stream(MunicipalityCode municipality, string code) =>
        new(municipality, ProgrammeEvents.StreamOf(municipality, code), $"Programme {code}");

    private static void CheckOutcomes(IReadOnlyList<string> outcomes, FieldErrors errors)
    {
        if (outcomes.Count is 0 or > ProgrammeDecider.MaxOutcomes)
            errors.Add("outcomes", $"1 to {ProgrammeDecider.MaxOutcomes} outcome codes.");
        for (var i = 0; i < outcomes.Count; i++)
            if (!ProgrammeCodes.IsCode(outcomes[i]))
                errors.Add($"outcomes[{i}]", ProgrammeCodes.Message);
        if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            errors.Add("outcomes", "Each outcome once.");
    }
}

/// <summary>The programme code in a route: a malformed one is a 400 naming only it.</summary>
public static class ProgrammePath
{
    public const string Field = "code";

    public static (string Code, ProblemHttpResult? Problem) Parse(string text) =>
        ProgrammeCodes.IsCode(text) ? (text, null) : ("", Problems.BadRequest(Field, ProgrammeCodes.Message));
}
