using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The candidate number in a route: one failing validation (malformed, or passing the elfproef) is a 400 before anything is read.</summary>
public static class CandidatePath
{
    public const string Field = "candidateNumber";

    public static (CandidateNumber Number, ProblemHttpResult? Problem) Parse(string text) =>
        CandidateNumber.TryParse(text, out var number)
            ? (number, null)
            : (default, Problems.BadRequest(Field, CandidateNumber.Problem(text) ?? "Not a candidate number."));

    /// <summary>The candidate number of the route and the JSON body of a command on that candidate, or the 400.</summary>
    public static async Task<(CandidateNumber Number, RequestBody<T>? Body, IResult? Problem)> ReadAsync<T>(
        string candidateNumber, HttpRequest request, CancellationToken ct) where T : class
    {
        var (number, badNumber) = Parse(candidateNumber);
        if (badNumber is not null) return (default, null, badNumber);
        var (body, problem) = await RequestBody.ReadAsync<T>(request, ct);
        return (number, body, problem);
    }
}
