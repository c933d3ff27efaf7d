using Npgsql;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// Where the ledger lives, and as whom: SROI_DATABASE, and SROI_DATABASE_OWNER when set, the role that owns the schema
/// and applies it at start-up (SROI_DATABASE's role then only gets what EventLog/service_role.sql grants: no UPDATE or
/// DELETE of events, no ALTER). The service starts no PostgreSQL: without SROI_DATABASE it does not start, and
/// <c>ops/run</c> is what starts a local cluster for it (src/Sroi.Ledger.LocalPostgres) and passes both settings.
/// </summary>
public sealed class LedgerDatabase
{
    public const string ConnectionStringSetting = "SROI_DATABASE";
    public const string OwnerConnectionStringSetting = "SROI_DATABASE_OWNER";

    /// <summary>The service's one line on stderr when it has no database (exit code 1, no stack trace).</summary>
    public const string NotConfiguredMessage =
        "SROI_DATABASE is not set: set it to the ledger's PostgreSQL (an Npgsql connection string; SROI_DATABASE_OWNER for the " +
        "schema's owner), or start the service with ops/run, which starts a local PostgreSQL for it.";

    private LedgerDatabase(string connectionString, string? ownerConnectionString)
    {
        ConnectionString = connectionString;
        OwnerConnectionString = ownerConnectionString;
    }

    /// <summary>The service's own connection: reads, appends, read models.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema owner's connection, used at start-up only; null when the service's role owns the schema itself.</summary>
    public string? OwnerConnectionString { get; }

    /// <summary>A database that exists already (benchmarks, tools); <paramref name="owner"/> as SROI_DATABASE_OWNER.</summary>
    public static LedgerDatabase Existing(string connectionString, string? owner = null) => new(connectionString, owner);

    /// <summary>The database configured for the service; null when SROI_DATABASE is not set.</summary>
    public static LedgerDatabase? Configured(IConfiguration configuration) =>
        configuration[ConnectionStringSetting] is { Length: > 0 } configured
            ? new LedgerDatabase(configured, configuration[OwnerConnectionStringSetting] is { Length: > 0 } owner ? owner : null)
            : null;

    /// <summary>For <c>codegen</c>, which describes the endpoints and never connects: a connection string that only parses.</summary>
    public static LedgerDatabase Unused() => new("Host=127.0.0.1;Port=1;Database=unused", null);

    /// <summary>
    /// As the schema's owner, unless the version check finds this build's schema in place (<see cref="PreparedSchema"/>):
    /// applies Marten's schema, then what the ledger adds to its event tables (the chain and the
    /// refusal of UPDATE and DELETE, applied again on a start that finds them changed or missing, so no schema change of
    /// Marten's can leave them out, and no start takes the event tables' locks for nothing), then
    /// the read tables' numbered scripts, then grants the service's role its rights. Then, as the service, records the
    /// shipped default policy and table once. All of it under the <see cref="StartupLock"/>, one node at a time.
    /// </summary>
    /// <param name="signingBaseline">Signs the heads recorded before commits were signed, once (Auditing/CommitSignatures/
    /// SigningBaseline), before the seeding appends its first signed commit.</param>
    /// <returns>Whether it prepared the schema fully; not when the version check found this build's schema in place
    /// (<see cref="PreparedSchema"/>), nor when the schema is a newer build's (<see cref="NewerSchema"/>: what it found,
    /// left as it is); either way it went on to the signing baseline and the seeding.</returns>
    public Task<SchemaPreparation> PrepareAsync(NpgsqlDataSource dataSource, LedgerEvents store, CancellationToken ct, Func<CancellationToken, Task>? signingBaseline = null, bool seed = true) =>
        PrepareAsync(dataSource, () => store, ct, signingBaseline, seed);

    /// <summary>
    /// The same, with the store made by <paramref name="store"/> (the host's: Marten's configuration, the largest single
    /// step of a restart) on another thread, while the start-up lock's session and the pool's first connection are opened on
    /// others: each new session authenticates (SCRAM: tens of milliseconds of CPU on both sides), and on a restart of two
    /// cores that and the store's construction were one after the other (issue 23, start-up within 1 s). The caller's thread
    /// is free from the first moment: the service lays out its pipeline meanwhile (Program.cs).
    /// </summary>
    public async Task<SchemaPreparation> PrepareAsync(NpgsqlDataSource dataSource, Func<LedgerEvents> store, CancellationToken ct, Func<CancellationToken, Task>? signingBaseline = null, bool seed = true)
    {
        // Several nodes may start at once on one database: one prepares it at a time (StartupLock says why).
        var locking = Task.Run(() => StartupLock.TakeAsync(OwnerConnectionString ?? ConnectionString, ct), ct);
        // The pool's first connection, for the signing baseline and the seeding after the check (they open their own if not,
        // and say why it failed: this one's failure is only observed).
        _ = Task.Run(async () => { await using var first = await dataSource.OpenConnectionAsync(ct); }, ct)
            .ContinueWith(failed => failed.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var building = Task.Run(store, ct);
        LedgerEvents ledger;
        string fingerprint;
        try
        {
            ledger = await building;
            // What this build would apply, from its configuration alone (no database): compared with what the last full
            // preparation recorded, so a restart of the same build inspects nothing (PreparedSchema says why and what it covers).
            fingerprint = await PreparedSchema.ComputeAsync(ledger.DocumentStore, ServiceRoleName);
        }
        catch
        {
            // The lock released once taken (not waited for here: another node may hold it for long); a lock that could not be
            // taken only observed: the store's exception is the start's to report (StartupLockReleaseTests).
            _ = locking.ContinueWith(taken => taken.Result.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap();
            _ = locking.ContinueWith(failed => failed.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
        await using var startup = await locking;
        var result = SchemaPreparation.InPlace;
        if (!await PreparedSchema.InPlaceAsync(startup.Connection, fingerprint, ct))
            result = await PrepareFullyAsync(startup.Connection, fingerprint, ct);
        if (signingBaseline is not null) await signingBaseline(ct);
        if (!seed) return result;
        await DefaultPolicySeeding.SeedAsync(ledger, ct);
        await BuildingBlocks.DefaultBuildingBlockSeeding.SeedAsync(ledger, ct);
        return result;
    }

    /// <param name="ownerConnection">The start-up lock's connection, as the schema's owner.</param>
    private async Task<SchemaPreparation> PrepareFullyAsync(NpgsqlConnection ownerConnection, string fingerprint, CancellationToken ct)
    {
        // An older node restarting during an upgrade: the schema is a newer build's, which this one would strip.
        var newer = await NewerSchema.FindAsync(ownerConnection, typeof(LedgerDatabase).Assembly, ct);
        if (newer.Count > 0) return new SchemaPreparation(Prepared: false, LeftToNewerBuild: newer);
        await using var owner = LedgerDataSource.Create(OwnerConnectionString ?? ConnectionString);
        using var ownerStore = LedgerStoreOptions.CreateStore(owner);
        await ownerStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        await SchemaMigrations.ApplyUnlessInPlaceAsync(owner, typeof(LedgerEvents).Assembly, EventChainSchema.Script, EventChainSchema.InPlace, ct);
        await SchemaMigrations.ApplyAsync(owner, SchemaMigrations.ApiComponent, typeof(LedgerDatabase).Assembly, ct);
        await Notifications.MessageStorage.ApplyAsync(owner, ct);
        if (ServiceRoleName is { } serviceRole)
            await ServiceRole.GrantAsync(owner, serviceRole, ct);

        // Streams recorded before their fold was kept inline (an earlier build) get their document now.
        foreach (var kind in StreamKinds.All)
            await kind.FoldMissingAsync(ownerStore, owner, ct);
        await Contracts.ReadingContracts.ContractListColumnsBackfill.RunOnceAsync(ownerStore, owner, ct);
        await Plans.PlanMissingBackfill.RunOnceAsync(ownerStore, owner, ct);
        await Fulfilments.Storing.FulfilmentDocumentsBackfill.RunOnceAsync(ownerStore, owner, ct);
        // After the back-fills: it computes the settlement due date and the oldest pending report of every row from the
        // columns they fill.
        await SchemaMigrations.ApplyUnlessInPlaceAsync(owner, typeof(LedgerDatabase).Assembly, Worklist.WorklistOrderSchema.Script,
            Worklist.WorklistOrderSchema.InPlace, ct);
        await SchemaMigrations.ApplyUnlessInPlaceAsync(owner, typeof(LedgerDatabase).Assembly, Contracts.ReadingContracts.ContractListOrderSchema.Script,
            Contracts.ReadingContracts.ContractListOrderSchema.InPlace, ct);
        // Last, once all of the above has succeeded: a start that failed half-way records nothing and is done again.
        await PreparedSchema.RecordAsync(owner, fingerprint, ct);
        return new SchemaPreparation(Prepared: true, LeftToNewerBuild: []);
    }

    /// <summary>The service's role when another role owns the schema; null when it owns the schema itself.</summary>
    public string? ServiceRoleName
    {
        get
        {
            if (OwnerConnectionString is null) return null;
            var service = new NpgsqlConnectionStringBuilder(ConnectionString).Username;
            return service == new NpgsqlConnectionStringBuilder(OwnerConnectionString).Username ? null : service;
        }
    }
}
