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

        // The DDL as recorded: nothing to do. Changed: with a newer script only the record is behind; without one, older
        // builds could not tell the newer schema (Database/NewerSchema), so a script must come first.
        var todo = highest > MartenSchemaRecord.Script
            ? $"set MartenSchemaRecord to {record}"
            : $"add a numbered script under src/Sroi.Ledger.Api/Schema (a comment is enough), then set MartenSchemaRecord to its number and Sha256 = \"{sha256}\"";
        sha256.Should().Be(MartenSchemaRecord.Sha256, "Marten's DDL changed: {0}", todo);
    }
}
