using JasperFx;
using Marten;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Ambitions;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.BuildingBlocks;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.CommandLine;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Dashboard;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Health;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.RateLimiting;
using Sroi.Ledger.Api.Reports;
using Wolverine;
using Wolverine.Marten;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.Json;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.OpenApi;
using Sroi.Ledger.Api.Security;

// Help, an unknown command, an ambiguous option and arguments the engine cannot read are answered before anything exists:
// no host, database or key.
if (LedgerCommandLine.AnswerWithoutHost(args, Console.Out, Console.Error, out var commandInput) is { } answered)
    return answered;
var command = LedgerCommandLine.IsCommand(args);
if (!command)
    return await RunAsync();
// A command fails with its message on stderr and exit code 1, in any environment; never an unhandled exception (exit
// 134). The service keeps failing loudly: its host (and the tests' WebApplicationFactory) relies on the exception.
try
{
    return await RunAsync();
}
catch (Exception e) when (e is not HostAbortedException)
{
    await Console.Error.WriteLineAsync($"{args[0]}: {e.Message}");
    return 1;
}

// Composition only: what each feature needs is wired here, what it does lives in its folder.
async Task<int> RunAsync()
{
    // A stop signal while the service starts winds the start down (exit 0) instead of killing it mid-way (Hosting/StartupStop).
    using var startupStop = command ? null : new StartupStop();
    // A command's -e, -c, -a (as --environment, …) name the host's environment, content root and name: the engine cannot
    // set them on a host built before it runs.
    var builder = WebApplication.CreateBuilder(LedgerCommandLine.HostOptions(args, commandInput));
    builder.WebHost.UseUrls(builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["urls"] ?? "http://localhost:5080");
    builder.ConfigureLedgerKestrel();

    if (command) { CommandOutput.ToStandardError(builder.Logging); CommandOutput.SilenceStandardOutput(args); }
    using var startupLogs = LoggerFactory.Create(logging => { logging.AddConsole(); if (command) CommandOutput.ToStandardError(logging); });
    var startupLogger = startupLogs.CreateLogger("Sroi.Ledger.Startup");
    // The service starts no PostgreSQL (ops/run starts the local one); a command joins the one configured or ops/run's (CommandLine/).
    var database = !command ? LedgerDatabase.Configured(builder.Configuration)
        : LedgerCommandLine.NeedsNoDatabase(args) && builder.Configuration[LedgerDatabase.ConnectionStringSetting] is not { Length: > 0 } ? LedgerDatabase.Unused()
        : await CommandDatabase.ResolveAsync(builder.Configuration, Console.Error, CancellationToken.None);
    if (database is null)
    {
        await Console.Error.WriteLineAsync(LedgerDatabase.NotConfiguredMessage);
        return 1;
    }

    builder.Services.AddSingleton(database);
    // The engine's schema commands (db-apply, db-assert, db-patch, …) act as the schema's owner: the service's role may
    // not create or alter a table. Everything else, commands included, runs as the service.
    var dataSource = LedgerDataSource.Create(command && args[0].StartsWith("db-", StringComparison.Ordinal) && database.OwnerConnectionString is { } owner
        ? owner : database.ConnectionString);
    builder.Services.AddSingleton(dataSource);
    // Through AddMarten, so the engine's commands (projections, db-apply, …) find the store; the schema is applied at start.
    // Every commit that appends events signs its new chain heads with the checkpoint key, in its own transaction.
    builder.Services.AddMarten(services => LedgerStoreOptions.Configure(new StoreOptions(), dataSource,
            new Sroi.Ledger.Api.Auditing.CommitSignatures.CommitSigner(services.GetRequiredService<CheckpointKey>)))
        // Wolverine's outbox enrols in the Marten session of a write: a notification leaves with the events that cause it.
        .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = Sroi.Ledger.Api.Notifications.MessageStorage.Schema);
    builder.Services.AddSingleton<LedgerEvents>();
    builder.Services.AddSingleton(LedgerClock.From(builder.Configuration, builder.Environment, startupLogger));
    var (adminKey, developmentAdminKey) = AdminKeySetup.Resolve(builder.Configuration, builder.Environment, startupLogger, forCommand: command);
    builder.Services.AddSingleton(adminKey);
    builder.Services.AddSingleton<ApiKeys>();
    // A key, or a person's OpenID Connect bearer token, becomes the request's principal (Auth/LedgerAuthentication);
    // endpoints require a policy per role set.
    builder.Services.AddLedgerAuthentication(builder.Configuration);
    builder.Services.AddLedgerAuthorization();
    // Who a person is, for the histories (People/): a plain table filled from the sign-in's claims, never an event.
    Sroi.Ledger.Api.People.PeopleApi.AddPeopleDirectory(builder.Services);
    builder.Services.AddSingleton<Sroi.Ledger.Api.Admin.ProjectionRebuild>();
    builder.Services.AddSingleton<Sroi.Ledger.Api.Writing.LedgerWriter>();
    // The import of sheets (Importing/): the endpoints' own handlers, row by row, for the command and the admin endpoint.
    builder.Services.AddSingleton<Sroi.Ledger.Api.Importing.ImportTargets>();
    builder.Services.AddSingleton<Sroi.Ledger.Api.Importing.Importer>();
    builder.Services.AddSingleton<ContractReader>();
    builder.Services.AddSingleton<CandidateReader>();
    builder.Services.AddSingleton<Sroi.Ledger.Api.Programmes.ProgrammeReader>();
    builder.Services.AddSingleton<Sroi.Ledger.Api.Auditing.History.StreamHistories>();
    builder.Services.AddSingleton<Sroi.Ledger.Api.Auditing.Verification.LedgerVerifier>();
    builder.Services.AddCheckpoints(builder.Configuration, builder.Environment, command ? args[0] : null);
    builder.Services.ConfigureHttpJsonOptions(options => LedgerJson.Configure(options.SerializerOptions));
    builder.Services.AddProblemDetails();
    builder.Services.AddExceptionHandler<Sroi.Ledger.Api.Database.DatabaseUnavailableHandler>();
    builder.Services.AddExceptionHandler<Sroi.Ledger.Api.Admin.RebuildFailedException.Handler>();
    builder.Services.AddLedgerOpenApi();
    builder.Services.AddSingleton<DeclaredQueryParameters>();
    builder.Services.AddLedgerRateLimiting(builder.Configuration);
    // A stop first answers not-ready and serves on for SROI_DRAIN_SECONDS, so a load balancer leaves the node out before
    // its listener closes (Hosting/StopDrain). A command has no load balancer to wait for.
    StopDrain.AddStopDrain(builder.Services, command ? TimeSpan.Zero : StopDrain.PeriodFrom(builder.Configuration, builder.Environment));
    // Transport security (NL API Design Rules): the headers on every answer, HSTS over TLS, the CORS allow list.
    builder.Services.AddSecurityHeaders();
    builder.Services.AddCorsAllowList(builder.Configuration);
    builder.Host.UseWolverine(options =>
    {
        // The message handlers' code is generated ahead of time (Internal/Generated, written by ops/codegen and checked by a
        // test): no Roslyn at run time, half the start-up time and memory of generating it on start.
        options.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
        // The generated-code test writes a fresh copy elsewhere and compares it with the committed one.
        if (builder.Configuration["SROI_CODEGEN_OUTPUT"] is { Length: > 0 } output)
            options.CodeGeneration.GeneratedCodeOutputPath = output;
        Sroi.Ledger.Api.Notifications.Messaging.Configure(options, builder.Configuration, builder.Environment);
    // No [WolverineModule] assembly is deployed (the handlers are named in Messaging, the Marten integration registers
    // itself): the automatic discovery loaded and scanned every deployed assembly at start for nothing (issue 23).
    }, ExtensionDiscovery.ManualOnly);

    var app = builder.Build();
    startupStop?.Attach(app.Lifetime);

    // The database prepared (the store built, the start-up lock taken, the version check; LedgerDatabase.PrepareAsync) on
    // other threads while this one lays out the pipeline below, and awaited after it (issue 23, start-up within 1 s).
    // A command never writes to the ledger (it has no checkpoint key to sign with, bar verify): the signing baseline and the
    // default seeding are the service's own start.
    var preparing = LedgerCommandLine.PreparesSchema(args)
        ? database.PrepareAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), () => app.Services.GetRequiredService<LedgerEvents>(), app.Lifetime.ApplicationStopping,
            signingBaseline: command ? null : ct => Sroi.Ledger.Api.Auditing.CommitSignatures.SigningBaseline.SignAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
                app.Services.GetRequiredService<CheckpointKey>(), app.Services.GetRequiredService<IClock>(), startupLogger, ct),
            seed: !command)
        : null;

    // First: behind a listed proxy, the client it forwards is the request's address for everything after (the limits).
    app.UseTrustedProxies();
    app.UseSecurityHeaders();
    app.UseApiVersionHeader();
    app.UseExceptionHandler();
    // Before authentication: a preflight carries no key and is answered here; a refused origin gets no CORS header.
    app.UseCorsAllowList();
    // The limiter counts per principal, refused and unknown keys included: after authentication, before authorization.
    app.UseAuthentication();
    app.UseLedgerRateLimiting();
    app.UseAuthorization();
    app.UseQueryStringScreen();
    app.UseStatusCodePages();
    app.UseLedgerOpenApi();
    app.UseDashboard();

    app.MapLedgerApi();
    app.MapHealth();

    // A first argument that is a word runs a command instead of the service (CommandLine/LedgerCommandLine lists them):
    // `codegen write` (ops/codegen) describes the endpoints and needs no database, `projections rebuild` rebuilds, `verify`
    // and `export` are the ledger's own (Auditing/Verification/VerifyCommand, Exports/ExportCommand).
    if (preparing is not null)
    {
        try
        {
            var prepared = await preparing;
            if (prepared.LeftToNewerBuild.Count > 0)
                startupLogger.LogWarning("The database's schema is a newer build's (it has {Objects}): left as it is, not prepared by this older build; finish the upgrade",
                    string.Join(", ", prepared.LeftToNewerBuild));
            else if (!command)
                startupLogger.LogInformation(prepared.Prepared ? "Prepared the database (schema, scripts, message tables, grants, back-fills)"
                    : "The database's schema is this build's (its version check): nothing to prepare");
        }
        catch (Exception e) when (startupStop is { Requested: true } && e is OperationCanceledException or NpgsqlException or TimeoutException)
        {
            // The version check is recorded last: the next start prepares again whatever this one did not finish. A stop while
            // a connection is being opened to a database that does not answer ends when the open gives up (Npgsql's open
            // does not stop for the stop): that too is the stop asked for, not a crash (Killing/StopWhileStartingTests).
            startupLogger.LogInformation("Stopped while preparing the database");
            return 0;
        }
    }

    if (command)
        return await app.RunJasperFxCommands(args);
    StartBanner.PrintWhenStarted(app, developmentAdminKey, Console.Out);
    try
    {
        await app.RunAsync();
    }
    catch (OperationCanceledException) when (startupStop is { Requested: true })
    {
        // Stopped while the host was starting (Wolverine, Kestrel): the start was cancelled, which is what was asked.
    }
    return 0;
}

/// <summary>Visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
