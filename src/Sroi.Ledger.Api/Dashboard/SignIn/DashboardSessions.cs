using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Dashboard.SignIn;

/// <summary>
/// Where the dashboard's sessions live: a table (schema 070), so that every node of the service knows a session and
/// signing out on one ends it on all. The cookie holds only a random key; the ticket (the person's claims and the
/// provider's tokens) stays here, encrypted with the service's data protection keys, and is deleted at sign-out.
/// </summary>
public sealed class DashboardSessions(
    NpgsqlDataSource dataSource, IDataProtectionProvider protection, NodaTime.IClock clock, LedgerRateLimiters limiters) : ITicketStore
{
    private readonly IDataProtector protector = protection.CreateProtector("Sroi.Ledger.Dashboard.Sessions");

    /// <summary>The sessions this node stored or read lately (by the SHA-256 of their key): read from any address.</summary>
    private readonly RecentlyValid recentlyValid = new();

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // Sessions nobody signed out of go when they expire: swept by the next sign-in, not by a timer.
        await using (var sweep = dataSource.CreateCommand("DELETE FROM dashboard_sessions WHERE expires_at < $1"))
        {
            sweep.Parameters.Add(Now());
            await sweep.ExecuteNonQueryAsync();
        }
        await using var command = dataSource.CreateCommand(
            "INSERT INTO dashboard_sessions (key, ticket, expires_at) VALUES ($1, $2, $3)");
        Add(command, key, ticket);
        await command.ExecuteNonQueryAsync();
        recentlyValid.Remember(Hash(key));
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var command = dataSource.CreateCommand("UPDATE dashboard_sessions SET ticket = $2, expires_at = $3 WHERE key = $1");
        Add(command, key, ticket);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The cookie handler's question: no query for a request whose address has spent its rate
    /// (<see cref="LedgerRateLimiters.TakeLookUpTurnAsync"/>, one look-up of an address at a time), as for an API key: a session cookie that still decrypts but whose
    /// session has ended (signed out, expired) leaves the request anonymous, so its address pays for it, and a replayed
    /// one cost a query each before the limiter refused it. The session, if it lives, is not ended: the request is only
    /// refused 429 (<see cref="DashboardSignIn"/>'s challenge). A session this node stored or found lately
    /// (<see cref="RecentlyValid"/>) is read from any address, so a flood from an address every person shares (a proxy
    /// in front) cannot sign them all out: only a session not met on this node lately waits for the address's next token.
    /// The cookie handler asks only on an endpoint that needs a caller and on the sign-in's own that read the session
    /// (<see cref="DashboardSignIn.SchemeFor"/>), all of which the limiter counts; a public page reads no session.
    /// </summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        using var turn = FoundValidLately(key) ? LookUpTurn.Free : await limiters.TakeLookUpTurnAsync(httpContext);
        if (turn.Spared)
            return null;
        var ticket = await RetrieveAsync(key);
        // Judged: if the limiter refuses the request (its address has spent its rate), the answer is still the 401.
        if (ticket is null) LedgerRateLimiters.MarkFoundUnknown(httpContext);
        return ticket;
    }

    /// <summary>Whether this node stored the session or last found it living (<see cref="RecentlyValid"/>); never an answer in itself.</summary>
    public bool FoundValidLately(string key) => recentlyValid.Contains(Hash(key));

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var ticket = await ReadAsync(key);
        if (ticket is null) recentlyValid.Forget(Hash(key));
        else recentlyValid.Remember(Hash(key));
        return ticket;
    }

    private async Task<AuthenticationTicket?> ReadAsync(string key)
    {
        // By the service's clock, not the database's now(): the cookie handler judges the ticket by the same one. An
        // expired session is deleted where it is met (its tokens kept no longer), in the same round trip.
        await using var command = dataSource.CreateCommand(
            "WITH expired AS (DELETE FROM dashboard_sessions WHERE key = $1 AND expires_at <= $2) " +
            "SELECT ticket FROM dashboard_sessions WHERE key = $1 AND expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(Now());
        if (await command.ExecuteScalarAsync() is not byte[] stored)
            return null;
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            // Written with keys this node does not have: no session rather than a 500.
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        recentlyValid.Forget(Hash(key));
        await using var command = dataSource.CreateCommand("DELETE FROM dashboard_sessions WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The <see cref="HttpContext.Items"/> key that marks a request completing a sign-in.</summary>
    public const string FreshSignIn = "sroi:fresh-sign-in";

    /// <summary>The claim in the cookie's own ticket that names the session's key (the cookie handler's).</summary>
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    /// <summary>
    /// At a sign-in: deletes the session the browser's cookie names (if any), and hides that cookie from the cookie
    /// handler for the rest of the request, so that it stores the new ticket under a new key instead of renewing the old
    /// one (which whoever kept or planted the old cookie could then use).
    /// </summary>
    public async Task EndHeldSessionAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardSignIn.CookieScheme);
        if (options.CookieManager.GetRequestCookie(http, options.Cookie.Name!) is { Length: > 0 } cookie
            && options.TicketDataFormat.Unprotect(cookie)?.Principal.FindFirst(SessionIdClaim)?.Value is { Length: > 0 } key)
            await RemoveAsync(key);
        http.Items[FreshSignIn] = true;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private NpgsqlParameter Now() =>
        new() { Value = clock.GetCurrentInstant().ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private void Add(NpgsqlCommand command, string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetCurrentInstant().ToDateTimeOffset().Add(DashboardSignIn.SessionLifetime);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = protector.Protect(TicketSerializer.Default.Serialize(ticket)), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = expires.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
