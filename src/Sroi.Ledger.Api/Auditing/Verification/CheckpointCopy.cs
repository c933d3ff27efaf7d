using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// A checkpoint as an auditor kept it, outside the database: an item of GET /audit/checkpoints (or of POST's
/// <c>checkpoints</c>), a <c>checkpoint.signed</c> notification's <c>data</c>, or that whole notification (<see cref="Data"/>).
/// Only <see cref="Payload"/> (the signed text, exactly as received) and <see cref="Signature"/> (base64) are read: the
/// rest follows from the payload, which the signature covers, and is accepted so a copy can be sent back as it was kept.
/// </summary>
public sealed record CheckpointCopyRequest(
    [property: Required] string? Payload,
    [property: Required] string? Signature,
    CheckpointCopyData? Data = null,
    JsonElement? Id = null,
    JsonElement? Municipality = null,
    JsonElement? Position = null,
    JsonElement? CreatedAt = null,
    JsonElement? Streams = null,
    JsonElement? KeyFingerprint = null,
    JsonElement? Type = null,
    JsonElement? OccurredAt = null,
    JsonElement? ContractId = null);

/// <summary>A <c>checkpoint.signed</c> notification's <c>data</c>: the checkpoint as served.</summary>
public sealed record CheckpointCopyData(
    string? Payload,
    string? Signature,
    JsonElement? Id = null,
    JsonElement? Municipality = null,
    JsonElement? Position = null,
    JsonElement? CreatedAt = null,
    JsonElement? Streams = null,
    JsonElement? KeyFingerprint = null);

public static class CheckpointCopy
{
    /// <summary>The checkpoint the copy holds, or null with the bad fields in <paramref name="errors"/>.</summary>
    public static StoredCheckpoint? Read(CheckpointCopyRequest copy, FieldErrors errors)
    {
        // A whole notification: the checkpoint is its data.
        var (text, signatureText, prefix) = copy.Payload is null && copy.Data is { } data
            ? (data.Payload, data.Signature, "data.")
            : (copy.Payload, copy.Signature, "");
        CheckpointPayload? payload = null;
        if (text is null) errors.Add(prefix + "payload", "Required: the checkpoint's signed payload, the text exactly as received.");
        else if ((payload = CheckpointPayload.Parse(text)) is null)
            errors.Add(prefix + "payload", $"Not a checkpoint payload of format {CheckpointPayload.Format}.");
        byte[]? signature = null;
        if (signatureText is null) errors.Add(prefix + "signature", "Required: the checkpoint's signature, base64 as served.");
        else
        {
            var buffer = new byte[signatureText.Length];
            if (Convert.TryFromBase64String(signatureText, buffer, out var written) && written > 0) signature = buffer[..written];
            else errors.Add(prefix + "signature", "Expected the signature in base64, as served.");
        }
        if (errors.Any || payload is null || signature is null) return null;
        return new StoredCheckpoint(payload.Id, payload.Municipality, payload.Position, payload.CreatedAt, payload.Streams.Count,
            payload.KeyFingerprint, text!, signature);
    }

    /// <summary>A copy kept in a file (<c>verify --against</c>), or null with what is wrong in <paramref name="errors"/>.</summary>
    public static StoredCheckpoint? ReadFile(string file, FieldErrors errors)
    {
        try
        {
            if (JsonSerializer.Deserialize<CheckpointCopyRequest>(File.ReadAllText(file), Json.LedgerJson.Options) is { } copy)
                return Read(copy, errors);
            errors.Add("file", "The file holds no JSON object.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            errors.Add("file", e.Message);
        }
        return null;
    }
}
