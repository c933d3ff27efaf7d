using Npgsql;
using NpgsqlTypes;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// One of the projection's statements for one candidate: a text that reads its values as the columns <c>p.a1 … p.aN</c> of
/// a set of rows <c>p</c>, and this candidate's row of values. Every statement is written for a set (issue 23): an append
/// sends it with a set of one row (its values as one-element typed arrays, so each text is one plan whatever its values).
/// </summary>
/// <param name="Text">The statement's text, made once (<see cref="SetText"/>).</param>
/// <param name="Values">The row's values.</param>
public sealed record ReportStatement(SetText Text, object?[] Values)
{
    /// <summary>The whole statement, its <c>p</c> made of the arrays <c>$1 … $N</c>.</summary>
    public string Sql => Text.Sql;

    /// <summary>The statement for <paramref name="rows"/> (all of one text), each value column sent as one typed array.</summary>
    public static NpgsqlBatchCommand Of(IReadOnlyList<ReportStatement> rows)
    {
        var text = rows[0].Text;
        var command = new NpgsqlBatchCommand(text.Sql);
        for (var column = 0; column < text.Types.Length; column++)
            command.Parameters.Add(new NpgsqlParameter { Value = Column(rows, column, text.Types[column]), NpgsqlDbType = NpgsqlDbType.Array | DbType(text.Types[column]) });
        return command;
    }

    /// <summary>This statement alone, as an inline append sends it.</summary>
    public NpgsqlBatchCommand Alone() => Of([this]);

    // Each column's array, of its type's nullable element, so a row's null is SQL NULL in its column; built by type, not
    // by Array.SetValue (reflection over every value: a twentieth of a rebuild's CPU here, issue 23).
    private static Array Column(IReadOnlyList<ReportStatement> rows, int column, string type) => type switch
    {
        "text" => Column<string>(rows, column),
        "bigint" => Column<long?>(rows, column),
        "int" => Column<int?>(rows, column),
        "date" => Column<DateOnly?>(rows, column),
        "boolean" => Column<bool?>(rows, column),
        "uuid" => Column<Guid?>(rows, column),
        "numeric" => Column<decimal?>(rows, column),
        "timestamptz" => Column<DateTimeOffset?>(rows, column),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No array type for this column type."),
    };

    private static T?[] Column<T>(IReadOnlyList<ReportStatement> rows, int column)
    {
        var values = new T?[rows.Count];
        for (var row = 0; row < rows.Count; row++)
            values[row] = (T?)rows[row].Values[column];
        return values;
    }

    private static NpgsqlDbType DbType(string type) => type switch
    {
        "text" => NpgsqlDbType.Text,
        "bigint" => NpgsqlDbType.Bigint,
        "int" => NpgsqlDbType.Integer,
        "date" => NpgsqlDbType.Date,
        "boolean" => NpgsqlDbType.Boolean,
        "uuid" => NpgsqlDbType.Uuid,
        "numeric" => NpgsqlDbType.Numeric,
        "timestamptz" => NpgsqlDbType.TimestampTz,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No array type for this column type."),
    };
}

/// <summary>
/// A statement's text over a set of rows (<see cref="ReportStatement"/>): the constructor's <c>types</c> (space-separated) are
/// the columns <c>p.a1 … p.aN</c> of <c>p</c>, made of the arrays <c>$1 … $N</c>; its <c>body</c> follows <c>WITH p AS (…)</c>,
/// so it starts either with the statement or with <c>,</c> and more CTEs. Made once, in a static field, for every event
/// that sends it: a text is a kilobyte or two, and made again for each statement it was about a tenth of a rebuild's CPU
/// in this process when the rebuild still sent them (issue 23, session 43).
/// </summary>
public sealed class SetText
{
    private readonly int given;

    public SetText(string types, string body)
    {
        Types = types.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        given = Types.Length;
        var arrays = string.Join(", ", Types.Select((t, i) => $"${i + 1}::{t}[]"));
        var names = string.Join(", ", Types.Select((_, i) => $"a{i + 1}"));
        Sql = $"WITH p AS (SELECT * FROM unnest({arrays}) AS u({names}))\n{body}";
    }

    /// <summary>Each column's PostgreSQL type, which its array is sent as (a column of only nulls has no other type).</summary>
    public string[] Types { get; }

    public string Sql { get; }

    /// <summary>This text with one row of values, one for each of its columns.</summary>
    public ReportStatement With(params object?[] values) => values.Length == given
        ? new ReportStatement(this, values)
        : throw new ArgumentException($"{given} column types for {values.Length} values.", nameof(values));
}

public sealed partial class CandidateReportTables
{
    /// <summary>
    /// When the event of row <paramref name="r"/> (a1 tenant, a2 stream, a3 version) was recorded: its row's
    /// <c>mt_events.timestamp</c>, read in the same transaction (inline, Marten writes the event ahead of its projections'
    /// statements). Neither Marten's IEvent.Timestamp inline nor <c>transaction_timestamp()</c> would do: Quick append starts
    /// a stream with the client's clock but appends to an existing one with the database's <c>now()</c>, and hands the
    /// projection a client time in both cases (measured: <c>BitemporalReportTablesTests</c>). Read from the row, the stamp
    /// is the recorded time by definition (a rebuild, which reads the events' rows, makes its rows with that column:
    /// ReportRows/CandidateRowsFold).
    /// </summary>
    private static string StampOf(string r) =>
        $"(SELECT e.timestamp FROM mt_events e WHERE e.tenant_id = {r}.a1 AND e.stream_id = {r}.a2 AND e.version = {r}.a3)";

    /// <summary>
    /// The rows of every event of the stamp's row, with its recorded time as <c>s.at</c>: a CTE for a statement whose rows
    /// a1–a3 are the stamp.
    /// </summary>
    private static string Stamped => $", s AS (SELECT p.*, {StampOf("p")} AS at FROM p)";
}
