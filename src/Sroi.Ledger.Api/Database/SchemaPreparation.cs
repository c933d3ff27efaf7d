namespace Sroi.Ledger.Api.Database;

/// <summary>What a start did to the schema (<see cref="LedgerDatabase.PrepareAsync"/>).</summary>
/// <param name="Prepared">It applied everything: the version check found another build's fingerprint, or none.</param>
/// <param name="LeftToNewerBuild">What it found of a newer build's schema (<see cref="NewerSchema"/>), and so left the
/// schema as it was; empty otherwise.</param>
public sealed record SchemaPreparation(bool Prepared, IReadOnlyList<string> LeftToNewerBuild)
{
    /// <summary>The version check found this build's schema in place: nothing inspected, nothing applied.</summary>
    public static readonly SchemaPreparation InPlace = new(false, []);
}
