using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sroi.Ledger.Api.RateLimiting;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// API keys: random 256-bit secrets shown once, stored only as their SHA-256 hash (a high-entropy key
/// needs no slow hash). The admin key from configuration never touches the database.
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource dataSource, AdminKey adminKey)
{
    public const string Prefix = "sroi_";

    /// <summary>The keys this node's look-ups found valid lately (a node's own: <see cref="ApiKeys"/> is a singleton).</summary>
    private readonly RecentlyValid recentlyValid = new();

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The administrator for the configured admin key (compared in memory, no query); null for any other credential.</summary>
    public Caller? Admin(byte[] hash) => adminKey.Matches(hash) ? new Caller("admin", Role.Admin, null, null) : null;

    /// <summary>Whether a credential has the shape of an issued key, the only kind <see cref="LookUpAsync"/> asks the database about.</summary>
    public static bool MayBeStored(string presented) => presented.StartsWith(Prefix, StringComparison.Ordinal) && presented.Length <= 100;

    /// <summary>
    /// Whether this node's last look-up of the key found it valid (<see cref="RecentlyValid"/>): then it is looked up even
    /// from an address that has spent its rate. Never an answer in itself: the look-up judges it.
    /// </summary>
    public bool FoundValidLately(byte[] hash) => recentlyValid.Contains(hash);

    /// <summary>
    /// The caller for an issued key, from the database: one query; null when it is unknown or revoked. Authentication asks
    /// the rate limiter first (<see cref="ApiKeyAuthenticationHandler"/>), unless the key was found valid lately: a key
    /// found valid is remembered as such, one found unknown or revoked forgotten.
    /// </summary>
    public async Task<Caller?> LookUpAsync(byte[] hash, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, role, municipality, kvk_number, regions FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            recentlyValid.Forget(hash);
            return null;
        }
        recentlyValid.Remember(hash);
        return new Caller(
            reader.GetGuid(0).ToString(),
            Enum.Parse<Role>(reader.GetString(1), ignoreCase: true),
            reader.IsDBNull(2) ? null : MunicipalityCode.Parse(reader.GetString(2)),
            reader.IsDBNull(3) ? null : KvkNumber.Parse(reader.GetString(3)))
        {
            Regions = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The administrator's key from configuration (SROI_ADMIN_KEY), compared in constant time.</summary>
public sealed class AdminKey(string? key)
{
    private readonly byte[]? hash = string.IsNullOrEmpty(key) ? null : ApiKeys.Hash(key);

    public bool IsConfigured => hash is not null;

    public bool Matches(string presented) => Matches(ApiKeys.Hash(presented));

    /// <summary>The same, for a credential already hashed (<see cref="ApiKeys.Hash"/>): the API-key scheme hashes it once a request.</summary>
    public bool Matches(byte[] presented) => hash is not null && CryptographicOperations.FixedTimeEquals(hash, presented);
}
