using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.RegisteringCandidate;
using Sroi.Ledger.Api.Contracts.RegisteringContract;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Fulfilments.Reporting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements.RecordingPlacement;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Importing;

/// <summary>One row's request: the endpoint's JSON body and what goes in its path.</summary>
public sealed record RowRequest(JsonObject Body, string? Candidate, Guid? ContractId);

/// <summary>
/// Sends a row to the endpoint of its kind: the body is read by the endpoint's own <see cref="JsonBody{T}"/> binding
/// from a request made in memory (so a field of the wrong type is refused with the endpoint's message and name), and the
/// endpoint's handler runs as it does for HTTP — its validation, its rules, <see cref="LedgerWriter"/> — on behalf of the
/// import: a caller of the role the endpoint wants in the row's municipality (key id <c>import</c>, recorded as the
/// actor), with the row's Idempotency-Key. The answer is the handler's: a written answer, or the problem it would send.
/// </summary>
public sealed class ImportTargets(IServiceProvider services)
{
    /// <summary>The key id of the import's callers: events record <c>inkoop:import</c> or <c>wsp:import</c> as their actor.</summary>
    public const string KeyId = "import";

    public static Role RoleOf(ImportKind kind) => kind == ImportKind.Contracts ? Role.Inkoop : Role.Wsp;

    public async Task<IResult> SendAsync(ImportKind kind, RowRequest row, MunicipalityCode municipality, string idempotencyKey,
        string correlation, CancellationToken ct)
    {
        var user = new Caller(KeyId, RoleOf(kind), municipality, null).ToPrincipal();
        var headers = new WriteHeaders { IdempotencyKey = idempotencyKey, Trace = new RequestTrace(correlation) };
        var writer = services.GetRequiredService<LedgerWriter>();
        var clock = services.GetRequiredService<IClock>();
        var store = services.GetRequiredService<Marten.IDocumentStore>();
        switch (kind)
        {
            case ImportKind.Contracts:
            {
                var body = await BindAsync<RegisterContractRequest>("/api/v1/contracts", row.Body, ct);
                return body.Refusal ?? (await RegisterContractEndpoint.HandleAsync(body, headers, user, writer, store, clock, ct)).Result;
            }
            case ImportKind.Candidates:
            {
                var body = await BindAsync<RegisterCandidateRequest>("/api/v1/candidates", row.Body, ct);
                return body.Refusal ?? (await RegisterCandidateEndpoint.HandleAsync(body, headers, user, writer, clock, ct)).Result;
            }
            case ImportKind.Placements:
            {
                var body = await BindAsync<RecordPlacementRequest>($"/api/v1/candidates/{row.Candidate}/placements", row.Body, ct);
                return body.Refusal ?? (await RecordPlacementEndpoint.HandleAsync(row.Candidate!, body, headers, user, writer,
                    services.GetRequiredService<LedgerEvents>(), services.GetRequiredService<Npgsql.NpgsqlDataSource>(), clock, ct)).Result;
            }
            case ImportKind.Fulfilments:
            {
                var id = row.ContractId!.Value;
                var body = await BindAsync<FulfilmentReportShape>($"/api/v1/contracts/{id}/fulfilments", row.Body, ct);
                return body.Refusal ?? (await ReportFulfilmentEndpoint.ReportAsync(id, body, headers, user, writer, store,
                    services.GetRequiredService<Npgsql.NpgsqlDataSource>(), clock, ct)).Result;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The body as the endpoint's binding reads it from a POST with this path (its fingerprint included).</summary>
    private async Task<JsonBody<T>> BindAsync<T>(string path, JsonObject body, CancellationToken ct) where T : class
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = ct };
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = path;
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        return (await JsonBody<T>.BindAsync(http, null!))!;
    }
}
