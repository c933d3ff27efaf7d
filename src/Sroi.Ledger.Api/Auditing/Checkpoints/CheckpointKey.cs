using System.Security.Cryptography;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>
/// The key the service signs checkpoints with: ECDSA P-256 over SHA-256 (System.Security.Cryptography, no package), its
/// private half in a PEM file outside the database (SROI_CHECKPOINT_KEY_FILE), so someone who can rewrite every table still
/// cannot sign a checkpoint. Signatures are DER (what <c>openssl dgst -verify</c> reads); the fingerprint is the SHA-256 of the
/// public key's SubjectPublicKeyInfo, lower-case hex.
/// </summary>
public sealed class CheckpointKey : IDisposable
{
    public const string Algorithm = "ECDSA P-256 SHA-256";
    private readonly ECDsa key;

    private CheckpointKey(ECDsa key, string file)
    {
        this.key = key;
        File = file;
        var spki = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", spki);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(spki));
    }

    /// <summary>Where the private key was read from.</summary>
    public string File { get; }

    public string PublicKeyPem { get; }

    public string Fingerprint { get; }

    /// <summary>False for <see cref="Unused"/>: a stand-in that must never sign (a signature by it would read as forged).</summary>
    public bool CanSign { get; private init; } = true;

    public byte[] Sign(byte[] payload) => CanSign
        ? key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
        : throw new InvalidOperationException("This command has no checkpoint key and may not write to the ledger; only the service signs its commits.");

    public bool Verifies(byte[] payload, byte[] signature) =>
        key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>
    /// A key in memory only, for a command that neither signs nor verifies a checkpoint (export, db-apply, …): it needs
    /// no SROI_CHECKPOINT_KEY_FILE in Production and writes no key file wherever it is run. Nothing is ever signed with it
    /// (a command runs no checkpoint schedule, serves no endpoint and appends no event): <see cref="Sign"/> refuses.
    /// </summary>
    public static CheckpointKey Unused() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), "(none: this command uses no checkpoint key)") { CanSign = false };

    /// <summary>Reads the key from <paramref name="file"/>; a file that does not exist yet gets a new key (mode 0600).</summary>
    public static CheckpointKey ReadOrCreate(string file)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (System.IO.File.Exists(file))
        {
            try { key.ImportFromPem(System.IO.File.ReadAllText(file)); }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw new InvalidOperationException($"The checkpoint key file {file} holds no PEM private key ({e.Message}).", e);
            }
            if (key.KeySize != 256)
            {
                key.Dispose();
                throw new InvalidOperationException($"The checkpoint key in {file} is not an ECDSA P-256 key.");
            }
            return new CheckpointKey(key, file);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Readable by the service's user only, from the moment it exists.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(file, System.Text.Encoding.ASCII, options);
            writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
        }
        catch (IOException) when (System.IO.File.Exists(file))
        {
            // Another process sharing the file created it first: use its key.
            key.Dispose();
            Thread.Sleep(100);
            return ReadOrCreate(file);
        }
        return new CheckpointKey(key, file);
    }

    public void Dispose() => key.Dispose();
}
