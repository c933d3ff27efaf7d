using System.Reflection;
using Marten;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// What the database holds that this build does not know, and that only a newer build can have put there (issue 23:
/// rolling upgrades). During an upgrade the nodes of the old build and the new one share the database, and the new build
/// has prepared it. An old node that restarts then finds a fingerprint that is not its own and would prepare fully, and
/// Marten's <c>CreateOrUpdate</c> drops every column and index of its tables that the old configuration does not declare
/// (Weasel's <c>TableDelta</c> writes a <c>DROP</c> for each extra): the new build's duplicated columns and their
/// indexes, which its reads need. So before a full preparation the owner looks for them, and a build that finds any
/// leaves the schema as it is (<see cref="LedgerDatabase.PrepareAsync"/>): schema changes are additive from one release to
/// the next (README, "Upgrading one node at a time"), so the older build runs on the newer schema.
/// </summary>
/// <remarks>
/// Looked for: a numbered script recorded in <c>schema_migrations</c> whose number this build does not ship, and a column
/// or index of one of Marten's tables that this build's configuration neither declares nor ignores
/// (<c>IgnoreIndex</c>: the indexes the ledger's own scripts put on Marten's tables, as the worklist's). Not seen: a newer
/// build that only changed the text of a function its script replaces (the event chain's, the worklist's order); this
/// build would put its own version back. Builds before this check know nothing of it and still drop.
/// </remarks>
public static class NewerSchema
{
    /// <summary>A description of each object found (e.g. <c>column mt_doc_contract.owner_note</c>); empty when there is none.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IDocumentStore ownerStore, NpgsqlConnection connection, Assembly scripts,
        CancellationToken ct)
    {
        var found = new List<string>();
        var shipped = SchemaMigrations.NumberedScripts(scripts).Select(s => s.Version).ToHashSet();
        foreach (var (version, script) in await RecordedScriptsAsync(connection, ct))
            if (!shipped.Contains(version))
                found.Add($"script {script}");

        // Marten compares its configuration with the catalogue (the queries a full preparation makes anyway); only the
        // tables both sides have can hold an extra.
        var migration = await ownerStore.Storage.Database.CreateMigrationAsync(ct);
        foreach (var delta in migration.Deltas.OfType<TableDelta>())
        {
            if (delta.Actual is not { } actual) continue;
            var expected = delta.Expected;
            found.AddRange(actual.Columns.Where(c => !expected.HasColumn(c.Name))
                .Select(c => $"column {expected.Identifier}.{c.Name}"));
            found.AddRange(actual.Indexes
                .Where(i => !expected.HasIgnoredIndex(i.Name)
                            && !expected.Indexes.Any(e => string.Equals(e.Name, i.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(i => $"index {i.Name} on {expected.Identifier}"));
        }
        return found;
    }

    private static async Task<List<(int Version, string Script)>> RecordedScriptsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var recorded = new List<(int, string)>();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
            if (await exists.ExecuteScalarAsync(ct) is not true)
                return recorded;
        await using var command = new NpgsqlCommand(
            $"SELECT version, script FROM schema_migrations WHERE component = '{SchemaMigrations.ApiComponent}'", connection);
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            recorded.Add((rows.GetInt32(0), rows.GetString(1)));
        return recorded;
    }
}
