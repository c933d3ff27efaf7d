using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Hosting;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// Keeps the <c>contracts</c> read table in step with the contract streams. Inline: the statement runs in the
/// append's transaction. The row is a pure function of the stream (its folded view), so it can be rebuilt.
/// </summary>
public static class ContractProjection
{
    public static NpgsqlBatchCommand Upsert(ContractResponse view)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO contracts (id, municipality, reference, contractor_kvk, category, status, awarded_on, ends_on,
                                   obligation_applies, obligation_cents, version, document)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (id) DO UPDATE SET
                contractor_kvk = excluded.contractor_kvk, status = excluded.status, ends_on = excluded.ends_on,
                obligation_applies = excluded.obligation_applies, obligation_cents = excluded.obligation_cents,
                version = excluded.version, document = excluded.document
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = view.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Reference });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Contractor.KvkNumber.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = Kebab(view.Category) });
        command.Parameters.Add(new NpgsqlParameter { Value = Kebab(view.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = view.AwardedOn.ToDateOnly() });
        command.Parameters.Add(new NpgsqlParameter { Value = view.EndsOn.ToDateOnly() });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Obligation.Applies });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Obligation.Amount.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Version });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = Document(view) });
        return command;
    }

    public static string Document(ContractResponse view) => JsonSerializer.Serialize(view, LedgerJson.Options);

    public static bool IsDuplicateReference(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "contracts_reference_per_municipality" };

    public static string Kebab<T>(T value) where T : struct, Enum => KebabEnumConverter<T>.NameOf(value);
}
