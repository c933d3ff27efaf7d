using Npgsql;
using NodaTime;
using NpgsqlTypes;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>The building_block_tables read table: one row per version, inserted inline with its event; the document is the event's table.</summary>
public static class BuildingBlockProjection
{
    public static NpgsqlBatchCommand Insert(BuildingBlockTable table)
    {
        var command = new NpgsqlBatchCommand(
            "INSERT INTO building_block_tables (municipality, version, effective_from, document) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = table.Municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = table.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = table.EffectiveFrom.ToDateOnly() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = EventJson.Serialize(table) });
        return command;
    }

    public static async Task<IReadOnlyList<BuildingBlockTable>> ListAsync(NpgsqlDataSource db, MunicipalityCode? municipality, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT document::text FROM building_block_tables WHERE $1::text IS NULL OR municipality = $1 ORDER BY municipality, effective_from");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)municipality?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadAsync(command, ct);
    }

    /// <summary>The version of the municipality's table in force on a date; null when none is.</summary>
    public static async Task<BuildingBlockTable?> InForceAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate date, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT document::text FROM building_block_tables
            WHERE municipality = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = date.ToDateOnly() });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<BuildingBlockTable>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var list = new List<BuildingBlockTable>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(EventJson.Deserialize<BuildingBlockTable>(reader.GetString(0)));
        return list;
    }
}
