using Npgsql;
using NodaTime;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Policies;

/// <summary>The sroi_policies read table: inserted inline with each version, read when a contract is registered.</summary>
public static class PolicyProjection
{
    private const string Columns =
        "municipality, version, effective_from, percentage, threshold_werken_cents, threshold_diensten_cents, threshold_leveringen_cents, description";

    public static NpgsqlBatchCommand Insert(SroiPolicyVersion policy)
    {
        var command = new NpgsqlBatchCommand($"INSERT INTO sroi_policies ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.EffectiveFrom.ToDateOnly() });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Percentage });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Thresholds.Werken.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Thresholds.Diensten.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Thresholds.Leveringen.Cents });
        command.Parameters.Add(new NpgsqlParameter { Value = policy.Description });
        return command;
    }

    public static async Task<IReadOnlyList<SroiPolicyVersion>> ListAsync(NpgsqlDataSource db, MunicipalityCode? municipality, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"SELECT {Columns} FROM sroi_policies WHERE $1::text IS NULL OR municipality = $1 ORDER BY municipality, effective_from");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)municipality?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAsync(command, ct);
    }

    public static async Task<IReadOnlyList<SroiPolicyVersion>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var list = new List<SroiPolicyVersion>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new SroiPolicyVersion(
                MunicipalityCode.Parse(reader.GetString(0)), reader.GetInt32(1), LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(2)),
                reader.GetDecimal(3),
                new SroiThresholds(new Money(reader.GetInt64(4)), new Money(reader.GetInt64(5)), new Money(reader.GetInt64(6))),
                reader.GetString(7)));
        }
        return list;
    }
}

/// <summary>Which policy version governs a contract awarded on a date.</summary>
public static class PolicyLookup
{
    public static async Task<SroiPolicyVersion?> InForceAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate awardedOn, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT municipality, version, effective_from, percentage, threshold_werken_cents, threshold_diensten_cents,
                   threshold_leveringen_cents, description
            FROM sroi_policies WHERE municipality = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = awardedOn.ToDateOnly() });
        return (await PolicyProjection.ReadAsync(command, ct)).SingleOrDefault();
    }
}
