namespace Sroi.Ledger.Api.Database;

/// <summary>
/// Marten's DDL as this build configures it (<c>IMartenStorage.ToDatabaseScript</c>, hashed), beside the highest numbered
/// script it ships. An older build tells a newer build's schema by a numbered script it does not ship
/// (<see cref="NewerSchema"/>), and Marten's tables change with the configuration, not with a script: so a change of
/// Marten's DDL must come with a new numbered script (a comment is enough), and <c>MartenSchemaGenerationTests</c> fails
/// until it does and this record names both. The test's message gives the two values to put here.
/// </summary>
public static class MartenSchemaRecord
{
    /// <summary>The numbered script that came with Marten's DDL as recorded (the highest one when it changed).</summary>
    public const int Script = 140;

    /// <summary>SHA-256 of Marten's DDL then, lower-case hex.</summary>
    public const string Sha256 = "6a62d28538cffd570a6c42dc456409ea8eb6b943d96278ca227090a8da4a4371";
}
