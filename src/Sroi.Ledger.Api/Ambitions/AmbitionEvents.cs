using Npgsql;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>A municipality's ambitions are one stream; <c>ambition.set.v1</c> is its one event type.</summary>
public static class AmbitionEvents
{
    public const string Set = "ambition.set.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(AmbitionSet), Set)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"ambition-{municipality}");

    public static string Serialize(AmbitionSet e) => EventJson.Serialize(e);

    public static AmbitionSet Deserialize(string type, string json) => type == Set
        ? EventJson.Deserialize<AmbitionSet>(json)
        : throw new InvalidOperationException($"Unknown ambition event type '{type}'.");

    /// <summary>The <c>ambitions</c> read table keeps the latest figures of each year: a pure function of the stream.</summary>
    public static NpgsqlBatchCommand Projection(AmbitionSet e)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO ambitions (municipality, year, placements, sroi_placements) VALUES ($1, $2, $3, $4)
            ON CONFLICT (municipality, year) DO UPDATE SET placements = excluded.placements, sroi_placements = excluded.sroi_placements
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = e.Municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Year });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Placements ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.SroiPlacements ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        return command;
    }
}
