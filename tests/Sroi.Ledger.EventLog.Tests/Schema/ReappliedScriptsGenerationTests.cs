using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.EventLog.Tests.Schema;

/// <summary>
/// The scripts applied again whenever their text changes (the chain's triggers, the order functions) change only with a
/// numbered script (<see cref="ReappliedScriptsRecord"/>, <see cref="NewerSchema"/>), so that an older build's node can tell
/// the newer build's schema and leaves its functions alone. No database: the scripts are the build's own.
/// </summary>
public class ReappliedScriptsGenerationTests
{
    [Fact]
    public async Task The_reapplied_scripts_change_only_with_a_new_numbered_script()
    {
        var sha256 = await ReappliedScriptsRecord.ComputeAsync();
        var highest = SchemaMigrations.NumberedScripts(typeof(LedgerDatabase).Assembly).Max(s => s.Version);
        var record = $"Script = {highest}, Sha256 = \"{sha256}\"";

        // As recorded: nothing to do. Changed: with a newer numbered script only the record is behind; without one, an older
        // build could not tell the newer schema and would apply its own text again over it.
        var todo = highest > ReappliedScriptsRecord.Script
            ? $"set ReappliedScriptsRecord to {record}"
            : $"add a numbered script under src/Sroi.Ledger.Api/Schema (a comment is enough), then set ReappliedScriptsRecord to its number and Sha256 = \"{sha256}\"";
        sha256.Should().Be(ReappliedScriptsRecord.Sha256, "a script applied whenever it changes changed: {0}", todo);
    }
}
