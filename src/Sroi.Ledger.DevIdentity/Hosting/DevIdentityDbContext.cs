using Microsoft.EntityFrameworkCore;

namespace Sroi.Ledger.DevIdentity.Hosting;

/// <summary>OpenIddict's applications, scopes, authorizations and tokens, in memory: nothing survives a restart.</summary>
public sealed class DevIdentityDbContext(DbContextOptions<DevIdentityDbContext> options) : DbContext(options);
