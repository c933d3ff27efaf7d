namespace Sroi.Ledger.Api.Worklist;

/// <summary>
/// What <c>worklist_order.sql</c> adds to the contracts' table (issue 23): the triggers that keep the settlement due date
/// and the indexes the worklist's arms read in order (<see cref="WorklistQuery"/>). Applied at a full preparation after
/// Marten's schema and the back-fills, and again when a start finds a trigger missing
/// (<see cref="Database.SchemaMigrations.ApplyUnlessInPlaceAsync"/>).
/// </summary>
public static class WorklistOrderSchema
{
    public const string Script = "Worklist.worklist_order.sql";

    /// <summary>The script's indexes, which Marten is told to leave on its table (<see cref="Contracts.ContractStorage"/>).</summary>
    public static readonly string[] Indexes =
        ["sroi_worklist_behind", "sroi_worklist_ended", "sroi_worklist_settlement_due", "sroi_worklist_reports", "sroi_worklist_plan_missing"];

    /// <summary>The script's index on the report documents' table (<see cref="Fulfilments.Storing.FulfilmentStorage"/> leaves it be).</summary>
    public const string PendingReportsIndex = "sroi_fulfilment_pending";

    /// <summary>Both triggers there and enabled, and every index: Marten re-creating one of the tables drops them.</summary>
    public static readonly string InPlace = $"""
        SELECT (SELECT count(*) FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'
                  AND t.tgname IN ('sroi_contract_settlement_due', 'sroi_policy_settlement_due')
                  AND t.tgrelid IN (to_regclass('mt_doc_contract'), to_regclass('mt_doc_sroipolicydocument'))) = 2
           AND (SELECT count(*) FROM pg_indexes WHERE tablename = 'mt_doc_contract'
                  AND indexname IN ({string.Join(", ", Indexes.Select(i => $"'{i}'"))})) = {Indexes.Length}
           AND EXISTS (SELECT FROM pg_indexes WHERE tablename = 'mt_doc_fulfilment' AND indexname = '{PendingReportsIndex}')
        """;
}
