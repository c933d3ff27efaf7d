namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// What is wrong with one stream. <see cref="Code"/> is stable: <c>chain.broken</c>, <c>events.gap</c>,
/// <c>events.missing</c>, <c>stream.version-mismatch</c>, <c>stream.missing</c>, <c>stream.unknown-kind</c>,
/// <c>stream.unknown-tenant</c>,
/// <c>document.differs</c>, <c>document.missing</c>, <c>document.unexpected</c>, <c>document.unfoldable</c>.
/// </summary>
/// <param name="Version">The version the problem is at (the first broken link, the version the stream row claims, the
/// version the document should fold).</param>
public sealed record Discrepancy(string Stream, string Municipality, long Version, string Code, string Detail);

/// <summary>The answer of GET /audit/verification: <see cref="Ok"/> when no stream has a discrepancy.</summary>
/// <param name="Streams">How many streams were checked.</param>
/// <param name="Events">How many events they hold (every one re-hashed and re-folded).</param>
public sealed record VerificationResponse(bool Ok, long Streams, long Events, IReadOnlyList<Discrepancy> Discrepancies);
