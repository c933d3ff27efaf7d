using NodaTime;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>A row of sroi_checkpoints. Only <see cref="Payload"/> and <see cref="Signature"/> are signed; the rest is for listing.</summary>
public sealed record StoredCheckpoint(
    Guid Id, string Municipality, long Position, Instant CreatedAt, int StreamCount, string KeyFingerprint, string Payload, byte[] Signature)
{
    /// <summary>
    /// <c>valid</c>: the payload verifies with the service's key and says what the row says (id, municipality);
    /// <c>invalid</c>: it does not (the row was forged or altered in the database); <c>other-key</c>: signed with a key
    /// other than the service's current one, so this service cannot vouch for it (an auditor verifies it with the old
    /// public key); <c>unreadable</c>: the payload is no checkpoint.
    /// </summary>
    public (string Signature, CheckpointPayload? Payload) Check(CheckpointKey key)
    {
        if (CheckpointPayload.Parse(Payload) is not { } payload) return ("unreadable", null);
        if (payload.KeyFingerprint != key.Fingerprint) return ("other-key", payload);
        var matches = payload.Id == Id && payload.Municipality == Municipality
            && key.Verifies(System.Text.Encoding.UTF8.GetBytes(Payload), Signature);
        return (matches ? "valid" : "invalid", payload);
    }

    public CheckpointResponse ToResponse() =>
        new(Id, Municipality, Position, CreatedAt, StreamCount, KeyFingerprint, Payload, Convert.ToBase64String(Signature));
}

/// <summary>
/// A checkpoint as the API serves it: <see cref="Payload"/> is the exact signed text (verify its UTF-8 bytes as received),
/// <see cref="Signature"/> the DER-encoded ECDSA signature in base64.
/// </summary>
public sealed record CheckpointResponse(
    Guid Id, string Municipality, long Position, Instant CreatedAt, int Streams, string KeyFingerprint, string Payload, string Signature);

/// <summary>GET /audit/checkpoints: newest first.</summary>
public sealed record CheckpointPage(IReadOnlyList<CheckpointResponse> Items, int Page, int PageSize, long Total);

/// <summary>GET /audit/public-key: what an auditor needs to verify a checkpoint offline.</summary>
/// <param name="PublicKeyPem">SubjectPublicKeyInfo in PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</param>
/// <param name="Fingerprint">SHA-256 of the SubjectPublicKeyInfo (DER), lower-case hex; each payload names it.</param>
public sealed record PublicKeyResponse(string Algorithm, string PublicKeyPem, string Fingerprint);
