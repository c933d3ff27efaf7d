namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary>
/// What <c>contract_list_order.sql</c> adds to the contracts' table (issue 23): the index the list's default order reads its
/// page from. Applied at a full preparation after Marten's schema, and again when a start finds it missing
/// (<see cref="Database.SchemaMigrations.ApplyUnlessInPlaceAsync"/>), as the worklist's indexes are.
/// </summary>
public static class ContractListOrderSchema
{
    public const string Script = "ReadingContracts.contract_list_order.sql";

    /// <summary>The script's indexes, which Marten is told to leave on its table (<see cref="ContractStorage"/>).</summary>
    public static readonly string[] Indexes = ["sroi_contract_list_awarded"];

    /// <summary>Every index there: Marten re-creating the table, or someone dropping one, shows here.</summary>
    public static readonly string InPlace = $"""
        SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'mt_doc_contract'
                  AND indexname IN ({string.Join(", ", Indexes.Select(i => $"'{i}'"))})) = {Indexes.Length}
        """;
}
