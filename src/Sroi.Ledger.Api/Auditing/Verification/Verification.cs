namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// What is wrong with one stream. <see cref="Code"/> is stable: <c>chain.broken</c>, <c>events.gap</c>,
/// <c>events.missing</c>, <c>stream.version-mismatch</c>, <c>stream.missing</c>, <c>stream.unknown-kind</c>,
/// <c>stream.unknown-tenant</c>,
/// <c>document.differs</c>, <c>document.missing</c>, <c>document.unexpected</c>, <c>document.unfoldable</c>; against a
/// checkpoint <c>checkpoint.head-differs</c>, <c>checkpoint.events-lost</c>, <c>checkpoint.stream-missing</c>,
/// <c>checkpoint.unlisted-event</c>; against the signed commits (Auditing/CommitSignatures/CommitCoverage)
/// <c>commit.unsigned</c>, <c>commit.head-differs</c>, <c>commit.events-deleted</c>, <c>commit.signature-invalid</c>,
/// <c>commit.other-key</c>.
/// </summary>
/// <param name="Version">The version the problem is at (the first broken link, the version the stream row claims, the
/// version the document should fold).</param>
public sealed record Discrepancy(string Stream, string Municipality, long Version, string Code, string Detail);

/// <summary>
/// The answer of GET /audit/verification: <see cref="Ok"/> when no stream has a discrepancy and every checkpoint it was held
/// to carries the service's valid signature.
/// </summary>
/// <param name="Streams">How many streams were checked.</param>
/// <param name="Events">How many events they hold (every one re-hashed and re-folded).</param>
/// <param name="Checkpoints">The signed checkpoints the ledger was held to: each municipality's newest, or the one named.</param>
/// <param name="SigningBaseline">When the heads recorded before commits were signed got their one-off signature (null: the
/// ledger started with signing). Those heads are signed as found then, not by the commits that appended them.</param>
/// <param name="Municipalities">The same result per municipality verified, by CBS code.</param>
public sealed record VerificationResponse(bool Ok, long Streams, long Events, IReadOnlyList<Discrepancy> Discrepancies, IReadOnlyList<CheckpointCheck> Checkpoints,
    SigningBaselineInfo? SigningBaseline, IReadOnlyList<MunicipalityVerification> Municipalities);

/// <summary>One municipality's part of a verification: what the web page lists per municipality.</summary>
/// <param name="Streams">Its streams checked.</param>
/// <param name="Events">The events they hold.</param>
/// <param name="Discrepancies">How many of the answer's discrepancies are in it.</param>
/// <param name="CheckpointSignature">The signature of the checkpoint it was held to (as in <see cref="VerificationResponse.Checkpoints"/>); null: none signed yet.</param>
/// <param name="Ok">No discrepancy and, if it has a checkpoint, a valid one.</param>
public sealed record MunicipalityVerification(string Municipality, int Streams, long Events, int Discrepancies, string? CheckpointSignature, bool Ok);

/// <summary>The one-off signing of the heads found at the first start with signed commits (Auditing/CommitSignatures/SigningBaseline).</summary>
public sealed record SigningBaselineInfo(NodaTime.Instant SignedAt, int Heads);

/// <summary>A checkpoint the ledger was held to.</summary>
/// <param name="Signature"><c>valid</c>, <c>invalid</c> (forged or altered in the database), <c>other-key</c> (signed with
/// another key than the service's), <c>unreadable</c>.</param>
public sealed record CheckpointCheck(Guid Id, string Municipality, long Position, NodaTime.Instant CreatedAt, int Streams, string Signature);
