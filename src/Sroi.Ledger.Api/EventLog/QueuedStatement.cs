using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Weasel.Storage;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// A read-model statement written with PostgreSQL's own <c>$1 … $n</c> parameters, queued on a Marten session so
/// it runs in the batch and the transaction of the session's event append (an inline projection, the
/// idempotency record). Each <c>$n</c> becomes a parameter of Marten's batch with the value and type given.
/// It returns no rows (<see cref="NoDataReturnedCall"/>): Marten must not read a result set for it, or the results of
/// the operations after it (the append, the inline documents' revisions) are read out of step.
/// </summary>
public sealed partial class QueuedStatement(NpgsqlBatchCommand statement) : IStorageOperation, NoDataReturnedCall
{
    /// <summary>
    /// A statement and its values, <c>$1 … $n</c> in order. A value given as an <see cref="NpgsqlParameter"/> is taken as it
    /// is (a typed null: <see cref="Typed"/>); any other is typed from its value.
    /// </summary>
    public static QueuedStatement Of(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return new QueuedStatement(command);
    }

    /// <summary>The statement itself, to run outside a Marten batch (the online rebuild's replay, Admin/ProjectionRebuild).</summary>
    public NpgsqlBatchCommand Statement => statement;

    /// <summary>A value that may be null, with the column's type (Npgsql cannot infer one from DBNull).</summary>
    public static NpgsqlParameter Typed(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    public void ConfigureCommand(Weasel.Core.ICommandBuilder builder, IStorageSession session)
    {
        var postgres = (Weasel.Postgresql.ICommandBuilder)builder;
        var sql = statement.CommandText;
        var written = 0;
        foreach (Match placeholder in Placeholder().Matches(sql))
        {
            builder.Append(sql[written..placeholder.Index]);
            var parameter = statement.Parameters[int.Parse(placeholder.Groups[1].ValueSpan) - 1];
            var value = parameter.Value ?? DBNull.Value;
            // A typed null (NpgsqlDbType set) keeps its type; anything else is typed from its value as Npgsql would.
            postgres.AppendParameter(value, parameter.NpgsqlDbType == NpgsqlDbType.Unknown ? null : parameter.NpgsqlDbType);
            written = placeholder.Index + placeholder.Length;
        }
        builder.Append(sql[written..]);
    }

    // A statement of the ledger's own read tables, not of a Marten document (Marten's own SQL operations name
    // StorageFeatures the same way, so no document storage is looked up for it); it returns no rows to post-process.
    public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    public Weasel.Core.OperationRole Role() => Weasel.Core.OperationRole.Other;

    public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();
}
