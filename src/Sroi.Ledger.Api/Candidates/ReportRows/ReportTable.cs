using Npgsql;
using NpgsqlTypes;

namespace Sroi.Ledger.Api.Candidates.ReportRows;

/// <summary>
/// One of the candidates' report tables (Schema/020, 021, 040, 085, 090, 100, 110) as rows in memory: its columns in the
/// order of a row's values, each with the type its value has here, the recorded interval last (<c>recorded_from</c>,
/// <c>recorded_until</c>, <see cref="DateTime.MaxValue"/> for <c>'infinity'</c>). A row is an <c>object?[]</c>: a text is a
/// <see cref="string"/>, a bigint a <see cref="long"/>, an int an <see cref="int"/>, a date a <see cref="DateOnly"/>
/// (<see cref="DateOnly.MaxValue"/> for <c>'infinity'</c>), a boolean a <see cref="bool"/>, a uuid a <see cref="Guid"/>, a
/// numeric a <see cref="decimal"/>, a timestamptz a UTC <see cref="DateTime"/>; SQL NULL is null. Npgsql reads and writes
/// those types as they are, infinities included.
/// </summary>
public sealed class ReportTable
{
    public ReportTable(string name, params (string Name, NpgsqlDbType Type)[] columns)
    {
        Name = name;
        Columns = [.. columns, ("recorded_from", NpgsqlDbType.TimestampTz), ("recorded_until", NpgsqlDbType.TimestampTz)];
        var names = string.Join(", ", Columns.Select(c => c.Name));
        Select = $"SELECT {names} FROM {name} WHERE municipality = $1 AND candidate_number = ANY ($2)";
        Copy = $"COPY {name} ({names}) FROM STDIN (FORMAT BINARY)";
        CandidateColumn = Array.FindIndex(Columns, c => c.Name == "candidate_number");
    }

    public string Name { get; }

    public (string Name, NpgsqlDbType Type)[] Columns { get; }

    /// <summary>The index of <c>candidate_number</c> in a row.</summary>
    public int CandidateColumn { get; }

    /// <summary>The index of <c>recorded_from</c> in a row; <c>recorded_until</c> is the next, the last.</summary>
    public int From => Columns.Length - 2;

    public int Until => Columns.Length - 1;

    /// <summary>Every row of the candidates (numbers <c>$2</c> of municipality <c>$1</c>), every column, in this order.</summary>
    public string Select { get; }

    /// <summary>Rows in, by binary COPY, every column given.</summary>
    public string Copy { get; }

    /// <summary>
    /// A value PostgreSQL holds but the column's type here cannot (a numeric <c>NaN</c>, a date or a time after the year 9999:
    /// never one the projection writes, only a row damaged by hand). It equals no value a fold makes, so a candidate's rows
    /// holding one differ from the fold's and are written again, as the rows of a candidate are that hold any other wrong value.
    /// </summary>
    public static readonly object Unreadable = new();

    /// <summary>The row <paramref name="reader"/> stands on, read by <see cref="Select"/>; a value this type cannot hold is <see cref="Unreadable"/>.</summary>
    public object?[] Read(NpgsqlDataReader reader)
    {
        var row = new object?[Columns.Length];
        for (var i = 0; i < row.Length; i++)
        {
            try
            {
                row[i] = Value(reader, i);
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or ArgumentOutOfRangeException)
            {
                row[i] = Unreadable;
            }
        }
        return row;
    }

    private object? Value(NpgsqlDataReader reader, int i) =>
            reader.IsDBNull(i) ? null : Columns[i].Type switch
            {
                NpgsqlDbType.Text => reader.GetString(i),
                NpgsqlDbType.Bigint => reader.GetInt64(i),
                NpgsqlDbType.Integer => reader.GetInt32(i),
                NpgsqlDbType.Date => reader.GetFieldValue<DateOnly>(i),
                NpgsqlDbType.Boolean => reader.GetBoolean(i),
                NpgsqlDbType.Uuid => reader.GetGuid(i),
                NpgsqlDbType.Numeric => reader.GetDecimal(i),
                NpgsqlDbType.TimestampTz => reader.GetFieldValue<DateTime>(i),
                var type => throw new NotSupportedException($"No report column of type {type}."),
            };

    /// <summary><paramref name="rows"/> written by one binary COPY on <paramref name="connection"/> (in its transaction).</summary>
    public async Task CopyAsync(NpgsqlConnection connection, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var import = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
                if (row[i] is null) await import.WriteNullAsync(ct);
                else await import.WriteAsync(row[i], Columns[i].Type, ct);
        }
        await import.CompleteAsync(ct);
    }

    /// <summary>
    /// Two rows alike in every column. A numeric's scale counts (<c>32.0</c> is not <c>32</c> to a report that prints it),
    /// which <see cref="decimal"/>'s own equality leaves out.
    /// </summary>
    public static bool SameRow(object?[] a, object?[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i])) return false;
            if (a[i] is decimal x && b[i] is decimal y && x.Scale != y.Scale) return false;
        }
        return true;
    }

    public override string ToString() => Name;
}
