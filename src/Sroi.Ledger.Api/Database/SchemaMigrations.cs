using System.Reflection;
using Npgsql;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// Applies numbered SQL scripts embedded in an assembly (<c>Schema/001_name.sql</c> …), once each, in
/// order, under an advisory lock so that several nodes starting together do not race. Every script is
/// also written to be harmless when run twice.
/// </summary>
public static class SchemaMigrations
{
    private const long LockKey = 0x5_2031_4C45_4447; // "SROI LEDG"

    /// <summary>
    /// Runs one embedded script (ending in <paramref name="resourceSuffix"/>) in a transaction, under the same lock, on every
    /// start that does not find it in place: the same script (by its SHA-256) recorded in <c>sroi_schema_scripts</c>, and
    /// <paramref name="inPlace"/> (a query) answering true. The query looks at what the script makes that another may take
    /// away: Marten re-creating one of its tables drops the triggers on it.
    /// </summary>
    /// <remarks>
    /// Other nodes may be appending meanwhile (several nodes, a rolling upgrade), and the script re-creates triggers on
    /// the event tables, which needs their exclusive lock: a start that found it in place and ran it anyway made appends
    /// deadlock's victims (a 409 to a client, in the cluster failover test). When it must run, each try waits at most
    /// <see cref="AlwaysLockTimeout"/> for its locks and gives up (55P03), or loses a deadlock (40P01), rolls back whole,
    /// and is tried again shortly after.
    /// </remarks>
    public static async Task ApplyUnlessInPlaceAsync(NpgsqlDataSource dataSource, Assembly assembly, string resourceSuffix, string inPlace,
        CancellationToken ct = default)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(resourceSuffix, StringComparison.Ordinal));
        var script = await ReadResourceAsync(assembly, name);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            if (await InPlaceAsync(connection, name, hash, inPlace, ct)) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
                await ExecuteAsync(connection, transaction, $"SET LOCAL lock_timeout = '{(int)AlwaysLockTimeout.TotalMilliseconds}ms'", ct);
                await ExecuteAsync(connection, transaction, script, ct);
                await RecordAsync(connection, transaction, name, hash, ct);
                await transaction.CommitAsync(ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable && attempt < AlwaysAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 500) * Math.Min(attempt, 4)), ct);
            }
        }
    }

    /// <summary>
    /// Records <paramref name="sha256"/> under <paramref name="name"/> in <c>sroi_schema_scripts</c> (created when missing), as
    /// <see cref="ApplyUnlessInPlaceAsync"/> records a script: <see cref="PreparedSchema"/> keeps its fingerprint there.
    /// </summary>
    public static async Task RecordAsync(NpgsqlDataSource dataSource, string name, string sha256, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await RecordAsync(connection, transaction, name, sha256, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string sha256, CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, ScriptsTable, ct);
        await using var record = new NpgsqlCommand("""
            INSERT INTO sroi_schema_scripts (name, sha256) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, applied_at = now()
            """, connection, transaction);
        record.Parameters.Add(new NpgsqlParameter { Value = name });
        record.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await record.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The scripts applied unless in place, by resource name, with the hash of the text last applied.</summary>
    private const string ScriptsTable = """
        CREATE TABLE IF NOT EXISTS sroi_schema_scripts (
            name       text        PRIMARY KEY,
            sha256     text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())
        """;

    /// <summary>Read without a lock of any table: true when <paramref name="hash"/> is recorded under <paramref name="name"/> and <paramref name="inPlace"/> holds.</summary>
    internal static async Task<bool> InPlaceAsync(NpgsqlConnection connection, string name, string hash, string inPlace, CancellationToken ct)
    {
        await using (var recorded = new NpgsqlCommand("""
            SELECT to_regclass('sroi_schema_scripts') IS NOT NULL
            """, connection))
            if (await recorded.ExecuteScalarAsync(ct) is not true) return false;
        await using (var same = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM sroi_schema_scripts WHERE name = $1 AND sha256 = $2)", connection))
        {
            same.Parameters.Add(new NpgsqlParameter { Value = name });
            same.Parameters.Add(new NpgsqlParameter { Value = hash });
            if (await same.ExecuteScalarAsync(ct) is not true) return false;
        }
        await using var present = new NpgsqlCommand(inPlace, connection);
        return await present.ExecuteScalarAsync(ct) is true;
    }

    private static readonly TimeSpan AlwaysLockTimeout = TimeSpan.FromSeconds(2);
    private const int AlwaysAttempts = 60;

    public static Task ApplyAsync(NpgsqlDataSource dataSource, string component, Assembly assembly, CancellationToken ct = default) =>
        ApplyAsync(dataSource, component, assembly, int.MaxValue, ct);

    /// <summary>
    /// The scripts numbered up to <paramref name="upTo"/> only: a database as an earlier release left it, on which a test
    /// records data before the later scripts run as an upgrade would run them.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, string component, Assembly assembly, int upTo, CancellationToken ct = default)
    {
        var scripts = NumberedScripts(assembly).Where(s => s.Version <= upTo).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                component  text        NOT NULL,
                version    int         NOT NULL,
                script     text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version))
            """, ct);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations WHERE component = $1", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = component });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                applied.Add(reader.GetInt32(0));
        }

        foreach (var (name, version) in scripts.Where(s => !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, await ReadResourceAsync(assembly, name), ct);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (component, version, script) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = component });
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            await record.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>The component the service's own numbered scripts are recorded under in <c>schema_migrations</c>.</summary>
    public const string ApiComponent = "api";

    /// <summary>The numbered scripts embedded in <paramref name="assembly"/> (its <c>Schema/NNN_*.sql</c>), in their order.</summary>
    public static IReadOnlyList<(string Name, int Version)> NumberedScripts(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Schema.", StringComparison.Ordinal))
            .Select(name => (Name: name, Version: VersionOf(name)))
            .OrderBy(s => s.Version)
            .ToList();

    /// <summary>
    /// Whether <paramref name="script"/> is named as a build records a numbered script of <paramref name="version"/>
    /// (<c>Assembly.Schema.NNN_name.sql</c>): a row of <c>schema_migrations</c> that is not was written by hand.
    /// </summary>
    public static bool IsNumberedScript(string script, int version)
    {
        var at = script.LastIndexOf(".Schema.", StringComparison.Ordinal);
        if (at < 0 || !script.EndsWith(".sql", StringComparison.Ordinal)) return false;
        var file = script[(at + ".Schema.".Length)..];
        var digits = new string(file.TakeWhile(char.IsDigit).ToArray());
        return digits.Length > 0 && file.Length > digits.Length && file[digits.Length] == '_'
            && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number == version;
    }

    private static int VersionOf(string resourceName)
    {
        // "Assembly.Schema.001_streams_and_events.sql" → 1
        var file = resourceName[(resourceName.LastIndexOf(".Schema.", StringComparison.Ordinal) + ".Schema.".Length)..];
        var digits = new string(file.TakeWhile(char.IsDigit).ToArray());
        return digits.Length > 0
            ? int.Parse(digits)
            : throw new InvalidOperationException($"Schema script {resourceName} must start with its number (001_…).");
    }

    /// <summary>The text of the one embedded script whose name ends in <paramref name="resourceSuffix"/>.</summary>
    public static Task<string> ReadEmbeddedAsync(Assembly assembly, string resourceSuffix) =>
        ReadResourceAsync(assembly, assembly.GetManifestResourceNames().Single(n => n.EndsWith(resourceSuffix, StringComparison.Ordinal)));

    private static async Task<string> ReadResourceAsync(Assembly assembly, string name)
    {
        await using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
