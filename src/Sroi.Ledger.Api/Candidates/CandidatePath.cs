using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The candidate number in a route: one failing validation (malformed, or passing the elfproef) is a 400 naming only it, before the body is validated.</summary>
public static class CandidatePath
{
    public const string Field = "candidateNumber";

    public static (CandidateNumber Number, ProblemHttpResult? Problem) Parse(string text) =>
        CandidateNumber.TryParse(text, out var number)
            ? (number, null)
            : (default, Problems.BadRequest(Field, CandidateNumber.Problem(text) ?? "Not a candidate number."));
}
