using System.Security.Cryptography;
using System.Text;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.EventLog.Tests.Schema;

/// <summary>
/// Marten's schema changes only with a numbered script (<see cref="MartenSchemaRecord"/>, <see cref="NewerSchema"/>), so
/// that an older build's node can tell the newer build's schema and leave it alone. No database: Marten writes its DDL
/// from the configuration.
/// </summary>
public class MartenSchemaGenerationTests
{
    [Fact]
    public async Task Martens_schema_changes_only_with_a_new_numbered_script()
    {
        await using var unused = LedgerDataSource.Create(LedgerDatabase.Unused().ConnectionString);
        using var store = LedgerStoreOptions.CreateStore(unused);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store.Storage.ToDatabaseScript())));
        var highest = SchemaMigrations.NumberedScripts(typeof(LedgerDatabase).Assembly).Max(s => s.Version);
        var record = $"Script = {highest}, Sha256 = \"{sha256}\"";

        if (sha256 == MartenSchemaRecord.Sha256) return;
        highest.Should().BeGreaterThan(MartenSchemaRecord.Script,
            "Marten's DDL changed: add a numbered script under src/Sroi.Ledger.Api/Schema (a comment is enough) so that older " +
            "builds see a newer schema (Database/NewerSchema), then set MartenSchemaRecord to the new script's number and {0}", sha256);
        sha256.Should().Be(MartenSchemaRecord.Sha256,
            "Marten's DDL changed with script {0}: set MartenSchemaRecord to {1}", highest, record);
    }
}
