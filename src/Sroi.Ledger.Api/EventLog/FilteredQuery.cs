using System.Text;
using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// A read of the ledger's own tables whose filters depend on the caller and the query string: each condition is added with
/// <c>?</c> for its value, which becomes the next numbered parameter (<c>$1 … $n</c>), so values never enter the SQL text.
/// </summary>
public sealed class FilteredQuery(string select, params object[] values)
{
    private readonly StringBuilder sql = new(select);
    private readonly List<object> values = [.. values];

    /// <summary>Adds <c>AND condition</c>, its <c>?</c> bound to <paramref name="value"/>.</summary>
    public FilteredQuery And(string condition, object value) => Append(" AND " + condition.Replace("?", Next(value), StringComparison.Ordinal));

    /// <summary>Adds <c>AND condition</c>, which takes no value.</summary>
    public FilteredQuery And(string condition) => Append(" AND " + condition);

    /// <summary>Adds text (ORDER BY, LIMIT …) as it is.</summary>
    public FilteredQuery Append(string text)
    {
        sql.Append(text);
        return this;
    }

    /// <summary>The placeholder of one more value, for text added with <see cref="Append"/>.</summary>
    public string Next(object value)
    {
        values.Add(value);
        return "$" + values.Count;
    }

    public NpgsqlCommand CommandOn(NpgsqlDataSource db)
    {
        var command = db.CreateCommand(sql.ToString());
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
