using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// The version check of a start (issue 23: start-up within 1 s on a ledger of a million events). A full preparation asks
/// Marten and Wolverine to compare every configured table, function and index with the catalogue (about 60 queries),
/// builds a Wolverine host for its message tables, grants, and scans every stream for a missing fold: seconds on a big
/// ledger, and all of it finds nothing to do on a restart of the same build. So after a full preparation the owner
/// records a fingerprint of everything it applied (<see cref="ComputeAsync"/>) in <c>sroi_schema_scripts</c>, and a
/// start that computes the same fingerprint, finds it recorded and finds the event chain's triggers in place skips the
/// preparation: two queries. A missing record (a fresh database, an earlier build's) or a different fingerprint (a build
/// whose schema differs: an upgrade, or a downgrade) prepares fully, as every start did before, and records it anew.
/// </summary>
/// <remarks>
/// The fingerprint is computed without a database: Marten writes the DDL of its configured objects from the options alone
/// (<c>IMartenStorage.ToDatabaseScript</c>, which does not connect). Wolverine builds its message store only inside a host,
/// so its part is the version of Wolverine's assemblies and the schema name: the tables follow from those. Whatever
/// <see cref="LedgerDatabase.PrepareAsync"/> learns to apply should be named here too; the build's own module id is in the
/// fingerprint as well, so any other build (another source) prepares fully once on its first start, and only restarts of
/// one build skip.
/// What the check does not see: someone changing the schema behind the ledger's back (bar the chain's triggers, checked
/// every start), or a node of a build older than this check preparing the database after this build recorded it (that
/// build knows no record to clear). Deleting the record (<see cref="RecordName"/>) makes the next start prepare fully.
/// </remarks>
public static class PreparedSchema
{
    /// <summary>The row of <c>sroi_schema_scripts</c> that holds the fingerprint of the last full preparation.</summary>
    public const string RecordName = "sroi:prepared-schema";

    /// <summary>
    /// SHA-256 over Marten's DDL, the event chain script, every numbered script, Wolverine's version and schema, the
    /// grants script with the service's role, and the back-fills by name and version: what a full preparation applies.
    /// </summary>
    public static async Task<string> ComputeAsync(IDocumentStore store, string? serviceRole)
    {
        var api = typeof(PreparedSchema).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string part, string text)
        {
            // Each part with its name and length, so no two different sets of parts hash alike.
            hash.AppendData(Encoding.UTF8.GetBytes($"{part}\n{text.Length}\n{text}\n"));
        }

        // The build itself (the compiler's module id: the same for the same source): a back-fill or a preparation step a
        // later build adds but forgets to name below still runs once on its first start.
        Add("build", api.ManifestModule.ModuleVersionId.ToString());
        Add("marten", store.Storage.ToDatabaseScript());
        Add("event-chain", await SchemaMigrations.ReadEmbeddedAsync(api, EventLog.EventChainSchema.Script));
        Add("worklist-order", await SchemaMigrations.ReadEmbeddedAsync(api, Worklist.WorklistOrderSchema.Script));
        Add("contract-list-order", await SchemaMigrations.ReadEmbeddedAsync(api, Contracts.ReadingContracts.ContractListOrderSchema.Script));
        foreach (var name in api.GetManifestResourceNames()
                     .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Schema.", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            Add(name, await SchemaMigrations.ReadEmbeddedAsync(api, name));
        Add("wolverine", string.Join("\n", Notifications.MessageStorage.Schema, VersionOf(typeof(Wolverine.WolverineOptions).Assembly),
            VersionOf(typeof(Wolverine.Postgresql.PostgresqlConfigurationExtensions).Assembly), VersionOf(typeof(Wolverine.RDBMS.IMessageDatabase).Assembly),
            VersionOf(typeof(Weasel.Postgresql.PostgresqlProvider).Assembly)));
        Add("grants", (serviceRole ?? "") + "\n" + await SchemaMigrations.ReadEmbeddedAsync(api, "EventLog.service_role.sql"));
        Add("back-fills", string.Join("\n", EventLog.StreamKinds.All.Select(k => $"fold-missing {k.Prefix} {k.DocumentType.FullName}")
            .Append($"{Contracts.ReadingContracts.ContractListColumnsBackfill.Component} {Contracts.ReadingContracts.ContractListColumnsBackfill.Version}")
            .Append($"{nameof(Plans.PlanMissingBackfill)} {Plans.PlanMissingBackfill.Version}")
            .Append($"{Fulfilments.Storing.FulfilmentDocumentsBackfill.Component} {Fulfilments.Storing.FulfilmentDocumentsBackfill.Version}")));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string VersionOf(Assembly assembly) =>
        $"{assembly.GetName().Name} {assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString()}";

    /// <summary>
    /// Read without a lock of any table, on the owner's connection: true when <paramref name="fingerprint"/> is the one
    /// recorded and the event chain's triggers are there, and the worklist's triggers and indexes and the list's index (Marten re-creating a
    /// table, or someone dropping one, shows here).
    /// </summary>
    public static Task<bool> InPlaceAsync(NpgsqlConnection connection, string fingerprint, CancellationToken ct) =>
        SchemaMigrations.InPlaceAsync(connection, RecordName, fingerprint,
            $"SELECT ({EventLog.EventChainSchema.InPlace}) AND ({Worklist.WorklistOrderSchema.InPlace}) AND ({Contracts.ReadingContracts.ContractListOrderSchema.InPlace})", ct);

    /// <summary>After a full preparation has succeeded: the next start of this build may skip it.</summary>
    public static Task RecordAsync(NpgsqlDataSource owner, string fingerprint, CancellationToken ct) =>
        SchemaMigrations.RecordAsync(owner, RecordName, fingerprint, ct);
}
