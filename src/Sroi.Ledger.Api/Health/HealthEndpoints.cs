using System.Diagnostics;
using Marten;
using Npgsql;
using Sroi.Ledger.Api.Admin;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sroi.Ledger.Api.Health;

public sealed record LiveResponse(string Status);

public sealed record ReadyResponse(string Status, DatabaseCheck Database, ProjectionsCheck Projections);

/// <summary>
/// <c>GET /health/live</c>: the process answers (no database), for a restart policy. <c>GET /health/ready</c>: the
/// database answers within <see cref="DatabaseTimeout"/>, for a load balancer; with the projections' lag and whether a
/// rebuild runs on this node (it no longer makes the node unready: writes and reads go on beside it); a stopping node
/// answers 503 at once while it drains (Hosting/StopDrain). Both outside /api/v1: probes carry no key, and they are not part of the API.
/// Endpoints like the rest rather than ASP.NET Core's health checks: the 503 must be the same problem+json with
/// Retry-After as every other answer (the checks' writer knows neither), a database that is away takes the central
/// <see cref="DatabaseUnavailableHandler"/> path like any request, and the lag needs Marten's store, which a health check
/// would reach the same way. Public (no roles) and not in the OpenAPI document, whose paths are relative to /api/v1.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Mapped on the app itself, beside the /api/v1 group.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").ExcludeFromDescription();
        health.MapGet("/live", Live).WithName("live");
        health.MapGet("/ready", ReadyAsync).WithName("ready");
    }

    /// <summary>
    /// Short: a probe that waits longer than the balancer's own timeout tells it nothing. 1.5 s, so that the whole answer,
    /// the request's own handling included, is there within the 2 s the README promises.
    /// </summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(1.5);

    public static Ok<LiveResponse> Live() => TypedResults.Ok(new LiveResponse("live"));

    public static async Task<Results<Ok<ReadyResponse>, RetryLater>> ReadyAsync(
        NpgsqlDataSource db, IDocumentStore store, ProjectionRebuild rebuild, StopDrain drain, CancellationToken ct)
    {
        // Stopping: still serving, but a load balancer should send nothing new (Hosting/StopDrain). Without asking the
        // database: the answer must be quick and the same whatever it says.
        if (drain.Draining)
            return RetryLater.Unavailable("This node is stopping: send requests to another node.", DatabaseUnavailableHandler.RetryAfterSeconds);
        var clock = Stopwatch.StartNew();
        (long LastSequence, IReadOnlyDictionary<string, long> Progress) positions;
        // The bound is on the whole check, not on a command: a frozen server (SIGSTOP, a hung host) accepts the TCP
        // connection and then never answers, and Npgsql's cancellation of a command waits for the server too. So the
        // answer does not wait for the read: after DatabaseTimeout the read is cancelled and left to end on its own.
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = ProjectionPositions.ReadAsync(db, abandon.Token);
        try
        {
            // A database that refuses or breaks the connection throws on to the central handler: the same 503 as everywhere.
            positions = await reading.WaitAsync(DatabaseTimeout, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Not awaited: Npgsql's cancellation opens a connection to the server and waits for it, which a frozen
            // server never answers either (that wait was the 32 s).
            _ = Task.Run(() => { try { abandon.Cancel(); } catch (ObjectDisposedException) { /* the read ended first */ } });
            return RetryLater.Unavailable($"The database did not answer within {DatabaseTimeout.TotalSeconds:0.#} s.",
                DatabaseUnavailableHandler.RetryAfterSeconds);
        }
        finally
        {
            // Observed, so an abandoned read's failure is no unobserved task exception; the source goes when it ends.
            _ = reading.ContinueWith(read => { _ = read.Exception; abandon.Dispose(); }, TaskScheduler.Default);
        }
        var database = new DatabaseCheck("up", clock.ElapsedMilliseconds, positions.LastSequence);
        var projections = ProjectionPositions.Check(store, positions.LastSequence, positions.Progress, rebuild.IsRunning);
        // A rebuild runs beside the writes and reads (Admin/ProjectionRebuild): the node stays ready, the flag says it runs.
        return TypedResults.Ok(new ReadyResponse("ready", database, projections));
    }
}
