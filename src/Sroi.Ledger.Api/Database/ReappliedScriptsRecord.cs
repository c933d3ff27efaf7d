using System.Security.Cryptography;
using System.Text;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// The scripts applied again whenever their text changes (<see cref="SchemaMigrations.ApplyUnlessInPlaceAsync"/>: the event
/// chain's triggers, the worklist's and the contract list's order functions), hashed, beside the highest numbered script
/// this build ships. They carry no number, so a newer build that changed only one of them — a function replaced — had a
/// schema an older build could not tell from its own (<see cref="NewerSchema"/> compares numbered scripts): restarting
/// during a rolling upgrade, the older build found the script's recorded hash not its own, applied its text again and put
/// its old function back under the newer nodes. So, as with Marten's DDL (<see cref="MartenSchemaRecord"/>), a change of
/// one of them must come with a new numbered script (a comment is enough), and <c>ReappliedScriptsGenerationTests</c> fails
/// until it does and this record names both; the test's message gives the two values to put here.
/// </summary>
public static class ReappliedScriptsRecord
{
    /// <summary>The numbered script that came with the scripts' texts as recorded (the highest one when they changed).</summary>
    public const int Script = 150;

    /// <summary>SHA-256 over the scripts' texts then (<see cref="ComputeAsync"/>), lower-case hex.</summary>
    public const string Sha256 = "faf4d3c1729e3001ce3a00007a17abd8a943b422b445841ca69ba5c5609b26b9";

    /// <summary>The scripts, by the resource suffix they are applied by.</summary>
    public static readonly IReadOnlyList<string> Scripts =
        [EventLog.EventChainSchema.Script, Worklist.WorklistOrderSchema.Script, Contracts.ReadingContracts.ContractListOrderSchema.Script];

    /// <summary>SHA-256 over each script's suffix, length and text, in <see cref="Scripts"/>' order, as this build ships them.</summary>
    public static async Task<string> ComputeAsync()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var script in Scripts)
        {
            var text = await SchemaMigrations.ReadEmbeddedAsync(typeof(ReappliedScriptsRecord).Assembly, script);
            hash.AppendData(Encoding.UTF8.GetBytes($"{script}\n{text.Length}\n{text}\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
