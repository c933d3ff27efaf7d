using Npgsql;

namespace Sroi.Ledger.Api.Reports;

internal static class ReportSql
{
    /// <summary>A statement with positional parameters $1…$n.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
