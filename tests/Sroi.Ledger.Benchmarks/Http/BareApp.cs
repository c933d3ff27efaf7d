using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// The floor of <c>--startup</c> (issue 23: start-up "against a bare ASP.NET Core app"): a minimal ASP.NET Core app with
/// an Npgsql data source on SROI_DATABASE, whose <c>GET /api/v1/sroi-policies</c> answers 200 after one query
/// (<c>SELECT 1</c>). Started by the harness exactly as the service is (<c>dotnet Sroi.Ledger.Benchmarks.dll --bare-app</c>,
/// Production, the same environment), so the difference is what the service does on its way to its first 200.
/// Dispatched at the very top of Program.cs, before the harness touches anything of the service's.
/// </summary>
internal static class BareApp
{
    public const string Mode = "--bare-app";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a != Mode).ToArray());
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration["SROI_DATABASE"]
            ?? throw new InvalidOperationException("SROI_DATABASE is not set.")));
        var app = builder.Build();
        app.MapGet("/api/v1/sroi-policies", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var command = db.CreateCommand("SELECT 1");
            return Results.Ok(new { one = await command.ExecuteScalarAsync(ct) });
        });
        await app.RunAsync();
    }
}
