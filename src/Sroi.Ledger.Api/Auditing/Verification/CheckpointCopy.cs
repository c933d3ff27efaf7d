using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// A checkpoint as an auditor kept it, outside the database: an item of GET /audit/checkpoints, the answer of POST
/// /audit/checkpoints' <c>checkpoints[i]</c>, a <c>checkpoint.signed</c> notification's <c>data</c>, or that whole
/// notification. Only <c>payload</c> (the signed text, as received) and <c>signature</c> (base64) are read: everything
/// else in it follows from the payload, which the signature covers.
/// </summary>
public static class CheckpointCopy
{
    /// <summary>The checkpoint the copy holds, or null with the bad fields in <paramref name="errors"/>.</summary>
    public static StoredCheckpoint? Read(JsonNode? document, FieldErrors errors)
    {
        var root = document as JsonObject;
        var prefix = "";
        if (root?["data"] is JsonObject data && root["payload"] is null)
        {
            root = data;
            prefix = "data.";
        }
        if (root is null)
        {
            errors.Add("body", "Expected a checkpoint as served (an object with payload and signature), or a checkpoint.signed notification.");
            return null;
        }
        var text = root["payload"] is JsonValue p && p.TryGetValue<string>(out var s) ? s : null;
        var signatureText = root["signature"] is JsonValue g && g.TryGetValue<string>(out var t) ? t : null;
        CheckpointPayload? payload = null;
        if (text is null) errors.Add(prefix + "payload", "Required: the checkpoint's signed payload, the text exactly as received.");
        else if ((payload = CheckpointPayload.Parse(text)) is null)
            errors.Add(prefix + "payload", $"Not a checkpoint payload of format {CheckpointPayload.Format}.");
        byte[]? signature = null;
        if (signatureText is null) errors.Add(prefix + "signature", "Required: the checkpoint's signature, base64 as served.");
        else
        {
            signature = new byte[signatureText.Length];
            if (!Convert.TryFromBase64String(signatureText, signature, out var written) || written == 0)
                errors.Add(prefix + "signature", "Expected the signature in base64, as served.");
            else signature = signature[..written];
        }
        if (errors.Any || payload is null || signature is null) return null;
        return new StoredCheckpoint(payload.Id, payload.Municipality, payload.Position, payload.CreatedAt, payload.Streams.Count,
            payload.KeyFingerprint, text!, signature);
    }
}
