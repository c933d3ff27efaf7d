using Npgsql;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.BuildingBlocks;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.Ambitions;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Api.Reports;

// Composition only: what each feature needs is wired here, what it does lives in its folder.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["urls"] ?? "http://localhost:5080");

using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());
var startupLogger = startupLogs.CreateLogger("Sroi.Ledger.Startup");
var database = await LedgerDatabase.ResolveAsync(builder.Configuration, startupLogger, CancellationToken.None);

builder.Services.AddSingleton(database);
var dataSource = LedgerDataSource.Create(database.ConnectionString);
builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton<Marten.IDocumentStore>(LedgerStoreOptions.CreateStore(dataSource));
builder.Services.AddSingleton<LedgerEvents>();
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton(AdminKeySetup.Resolve(builder.Configuration, builder.Environment, startupLogger));
builder.Services.AddSingleton<ApiKeys>();
builder.Services.AddSingleton<Sroi.Ledger.Api.Writing.LedgerWriter>();
builder.Services.AddSingleton<ContractReader>();
builder.Services.AddSingleton<ContractWriter>();
builder.Services.AddSingleton<CandidateReader>();
builder.Services.AddSingleton<CandidateWriter>();
builder.Services.ConfigureHttpJsonOptions(options => LedgerJson.Configure(options.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddLedgerOpenApi();

var app = builder.Build();

await LedgerDatabase.PrepareAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Services.GetRequiredService<Marten.IDocumentStore>(),
    app.Services.GetRequiredService<LedgerEvents>(), app.Lifetime.ApplicationStopping);

app.UseApiVersionHeader();
app.UseExceptionHandler();
app.UseRoleCheck();
app.UseStatusCodePages();
app.UseLedgerOpenApi();

var api = app.MapGroup("/api/v1");
api.MapApiKeys();
api.MapPolicies();
api.MapBuildingBlockTables();
api.MapContracts();
api.MapFulfilments();
api.MapCandidates();
api.MapPlacements();
api.MapAmbitions();
api.MapReports();

app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
await app.RunAsync();

/// <summary>Visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
