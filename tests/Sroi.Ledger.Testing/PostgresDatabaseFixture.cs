using Npgsql;
using Xunit;

namespace Sroi.Ledger.Testing;

/// <summary>
/// An xunit fixture (class or collection) owning one fresh database on <see cref="TestPostgres"/>.
/// Override <see cref="NamePrefix"/> to name it after the test class.
/// </summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;
    private NpgsqlDataSource? _dataSource;

    /// <summary>The connection string of the fixture's database.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The fixture has not been initialised yet.");

    /// <summary>A pooled data source for the fixture's database.</summary>
    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The fixture has not been initialised yet.");

    /// <summary>The database name prefix (sanitised by <see cref="TestPostgres.CreateDatabaseAsync"/>).</summary>
    protected virtual string NamePrefix => GetType().Name;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync(NamePrefix).ConfigureAwait(false);
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            _dataSource = null;
        }

        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString).ConfigureAwait(false);
        }
    }
}
