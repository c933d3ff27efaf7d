namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>
/// Where the checkpoint key comes from. SROI_CHECKPOINT_KEY_FILE names the PEM file (created with a new key when it does not
/// exist yet, so an operator only chooses the place). Unset outside Production: <c>checkpoint-key.pem</c> in the local data
/// folder (SROI_LOCAL_DATA, default ./.local), like the development admin key. Unset in Production: the service refuses to
/// start — a key generated wherever the service happens to run would vanish with its container, and every checkpoint signed
/// with it would become unverifiable, or worse, be replaced by a new key nobody has reason to trust.
/// </summary>
public static class CheckpointKeySetup
{
    public const string KeyFileSetting = "SROI_CHECKPOINT_KEY_FILE";

    public static CheckpointKey Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        string file;
        if (configuration[KeyFileSetting] is { Length: > 0 } configured)
            file = configured;
        else if (environment.IsProduction())
            throw new InvalidOperationException(
                $"{KeyFileSetting} is not set: in Production the checkpoint signing key must be a file the operator keeps outside the database (it is created there when missing).");
        else
        {
            var dataRoot = configuration["SROI_LOCAL_DATA"] is { Length: > 0 } root ? root : Path.Combine(Directory.GetCurrentDirectory(), ".local");
            file = Path.Combine(dataRoot, "checkpoint-key.pem");
        }
        var existed = File.Exists(file);
        var key = CheckpointKey.ReadOrCreate(file);
        logger.LogInformation("Checkpoints are signed with the key in {File} ({State}), fingerprint {Fingerprint}",
            file, existed ? "read" : "created", key.Fingerprint);
        return key;
    }
}
