using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Balance;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Balance;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// Keeps the <c>contracts</c> read table in step with the contract streams. Inline: the statement runs in the
/// append's transaction. The row is a pure function of the stream (its folded view and balance), so it can be rebuilt.
/// </summary>
public static class ContractProjection
{
    public static NpgsqlBatchCommand Upsert(ContractResponse view, ContractBalance balance)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO contracts (id, municipality, reference, contractor_kvk, category, status, awarded_on, ends_on,
                                   obligation_applies, obligation_cents, version, document,
                                   starts_on, accepted_cents, pending_cents, rejected_cents, fixed_status, behind_from, balance)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            ON CONFLICT (id) DO UPDATE SET
                contractor_kvk = excluded.contractor_kvk, status = excluded.status, ends_on = excluded.ends_on,
                obligation_applies = excluded.obligation_applies, obligation_cents = excluded.obligation_cents,
                version = excluded.version, document = excluded.document, starts_on = excluded.starts_on,
                accepted_cents = excluded.accepted_cents, pending_cents = excluded.pending_cents, rejected_cents = excluded.rejected_cents,
                fixed_status = excluded.fixed_status, behind_from = excluded.behind_from, balance = excluded.balance
            WHERE contracts.version <= excluded.version
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
        command.Parameters.Add(new NpgsqlParameter { Value = view.StartsOn.ToDateOnly() });
        command.Parameters.Add(new NpgsqlParameter { Value = balance.Accepted.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = balance.Pending.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = balance.Rejected.Cents });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Text, Value = balance.FixedStatus is { } status ? Kebab(status) : DBNull.Value,
        });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)balance.BehindFrom?.ToDateOnly() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Json, Value = JsonSerializer.Serialize(StoredBalance.Of(balance), LedgerJson.Options),
        });
        return command;
    }

    public static string Document(ContractResponse view) => JsonSerializer.Serialize(view, LedgerJson.Options);

    public static bool IsDuplicateReference(PostgresException e) =>
        e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "contracts_reference_per_municipality" };

    public static string Kebab<T>(T value) where T : struct, Enum => KebabEnumConverter<T>.NameOf(value);
}
