using System.Reflection;
using Npgsql;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// Whether the database holds a newer build's schema (issue 23: rolling upgrades). During an upgrade the nodes of the old
/// build and the new one share the database, and the new build has prepared it. An old node that restarts then finds a
/// fingerprint that is not its own and would prepare fully, and Marten's <c>CreateOrUpdate</c> drops every column and
/// index of its tables that the old configuration does not declare (Weasel's <c>TableDelta</c> writes a <c>DROP</c> for
/// each extra): the new build's duplicated columns and their indexes, which its reads need. So before a full preparation
/// the owner asks whether the schema is newer than this build, and a build that finds it so leaves the schema as it is
/// (<see cref="LedgerDatabase.PrepareAsync"/>): schema changes are additive from one release to the next (README,
/// "Upgrading one node at a time"), so the older build runs on the newer schema.
/// </summary>
/// <remarks>
/// The schema's generation is its highest numbered script (<c>Schema/NNN_*.sql</c>), recorded in <c>schema_migrations</c>
/// by every build since the first: a recorded number above the highest this build ships is a newer build's (one below it
/// that this build does not ship is an earlier build's, deleted since). Marten's own tables change with the configuration,
/// not with a script, so a change of Marten's schema must come with a numbered script (a comment is enough) for older
/// builds to see it: <c>MartenSchemaGenerationTests</c> fails when Marten's DDL differs from
/// the one recorded with the highest script (<see cref="MartenSchemaRecord"/>). Likewise the scripts applied again whenever
/// their text changes (the chain's triggers, the order functions: no number of their own, so a newer build that only
/// replaced one of their functions looked like this build, which then applied its own text again over it):
/// <c>ReappliedScriptsGenerationTests</c> holds them to <see cref="ReappliedScriptsRecord"/>. Not looked at: the columns themselves — a
/// newer build may remove one of its own, and its extra in the database would look the same. Builds before this check
/// (up to <c>5e84cdf</c>) do not ask and do drop.
/// </remarks>
public static class NewerSchema
{
    /// <summary>
    /// The numbered scripts recorded above the highest this build ships (a newer build's); empty when there is none. Only
    /// above it: a recorded script below it that this build does not ship is one an earlier build shipped and a later one
    /// deleted (003_sroi_policies, 022_ambitions), which every database made before then records; taken for a newer build's,
    /// it made this build skip its own preparation on every start (its new scripts, Marten's new tables) for good. Only a
    /// row a build writes (<see cref="SchemaMigrations.ApplyAsync(Npgsql.NpgsqlDataSource, string, Assembly, CancellationToken)"/>:
    /// the script's resource name, numbered as recorded): one written by hand is no build's and prevents nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindAsync(NpgsqlConnection connection, Assembly scripts, CancellationToken ct)
    {
        var highest = SchemaMigrations.NumberedScripts(scripts).Max(s => s.Version);
        var found = new List<string>();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
            if (await exists.ExecuteScalarAsync(ct) is not true)
                return found;
        await using var command = new NpgsqlCommand(
            $"SELECT version, script FROM schema_migrations WHERE component = '{SchemaMigrations.ApiComponent}' AND version > $1 ORDER BY version", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = highest });
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            if (SchemaMigrations.IsNumberedScript(rows.GetString(1), rows.GetInt32(0)))
                found.Add($"script {rows.GetString(1)}");
        return found;
    }
}
