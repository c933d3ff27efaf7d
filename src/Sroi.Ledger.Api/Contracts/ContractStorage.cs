using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// How Marten keeps <see cref="ContractDocument"/>: the table <c>mt_doc_contract</c> (conjoined: <c>tenant_id</c> is the
/// municipality), the list's filters and order duplicated into columns, and the reference unique per municipality —
/// a unique index, so the database decides inside the append's transaction (never check-then-insert).
/// </summary>
public static class ContractStorage
{
    public const string Table = "mt_doc_contract";

    /// <summary>The unique index of (reference, tenant): a second contract with a reference in one municipality fails on it.</summary>
    public const string ReferencePerMunicipality = "mt_doc_contract_uidx_reference_per_municipality";

    public static void Configure(StoreOptions options)
    {
        options.Schema.For<ContractDocument>()
            .DocumentAlias("contract")
            .UniqueIndex(UniqueIndexType.DuplicatedField, ReferencePerMunicipality, TenancyScope.PerTenant, d => d.Reference)
            .Duplicate(d => d.ContractorKvk)
            .Duplicate(d => d.Category)
            .Duplicate(d => d.Status)
            .Duplicate(d => d.AwardedOn, pgType: "date", dbType: NpgsqlDbType.Date)
            .Duplicate(d => d.EndsOn, pgType: "date", dbType: NpgsqlDbType.Date)
            .Duplicate(d => d.FixedStatus)
            .Duplicate(d => d.BehindFrom, pgType: "date", dbType: NpgsqlDbType.Date)
            .Duplicate(d => d.ContractValueCents, pgType: "bigint", dbType: NpgsqlDbType.Bigint)
            // The worklist's columns (Worklist/WorklistQuery): it filters, orders and pages in SQL over these and the dates.
            .Duplicate(d => d.ObligationPolicyVersion)
            .Duplicate(d => d.PlanMissingFrom, pgType: "date", dbType: NpgsqlDbType.Date)
            .Duplicate(d => d.PendingReports, pgType: "jsonb", dbType: NpgsqlDbType.Jsonb, configure: index =>
            {
                // Not Marten's default btree on the array itself: a btree entry has a size limit that a contract with many
                // reports awaiting review could pass, failing its writes. A GIN index holds the array's small keys instead,
                // and only for the rows that have any.
                index.ToGinWithJsonbPathOps();
                index.Predicate = "pending_reports <> '[]'::jsonb";
            })
            // Issue 21: who else reads a regional contract. Contained in (@>) by the reads' predicates: a GIN index answers
            // that, and holds only the regional contracts' rows.
            .Duplicate(d => d.Participants, pgType: "jsonb", dbType: NpgsqlDbType.Jsonb, configure: index =>
            {
                index.ToGinWithJsonbPathOps();
                index.Predicate = "participants IS NOT NULL";
            })
            // Issue 23: the worklist's order (Worklist/worklist_order.sql makes the indexes its arms read, and fills the
            // settlement due date, which depends on the policy). Marten's own index on each is kept small: partial to the rows
            // that can be on the list.
            .Duplicate(d => d.PendingSince, pgType: "date", dbType: NpgsqlDbType.Date, configure: index => index.Predicate = "pending_since IS NOT NULL")
            .Duplicate(d => d.SettlementDueFrom, pgType: "date", dbType: NpgsqlDbType.Date, configure: index => index.Predicate = "fixed_status IS NULL")
            // ?q= is a LIKE '%…%' over the folded text: a trigram GIN index answers it without reading every row.
            .Duplicate(d => d.SearchText, configure: index =>
            {
                index.Method = IndexMethod.gin;
                index.Mask = "? gin_trgm_ops";
            });
        // The worklist's and the list's ordered indexes are their scripts' (a key column with COLLATE "C", INCLUDE columns, partial): Marten would
        // drop an index of its table it was not told about.
        foreach (var index in Worklist.WorklistOrderSchema.Indexes.Concat(ReadingContracts.ContractListOrderSchema.Indexes))
            options.Schema.For<ContractDocument>().IgnoreIndex(index);
        // pg_trgm ships with PostgreSQL's contrib modules (Debian's postgresql package, the postgres image) and is a trusted
        // extension: the schema's owner may create it without being a superuser.
        options.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
    }

    public static bool IsDuplicateReference(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ReferencePerMunicipality };

    /// <summary>An enum as Marten writes it into a duplicated column (its member name).</summary>
    public static string Column<T>(T value) where T : struct, Enum => Enum.GetName(value)!;
}
