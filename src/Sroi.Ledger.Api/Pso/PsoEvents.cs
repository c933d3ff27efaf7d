using JasperFx.Events;
using Marten.Events.Aggregation;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Pso;

/// <summary>
/// The PSO certificates one municipality's WSP recorded for one organisation are one stream, <c>pso-&lt;kvk&gt;</c>, in the
/// municipality's tenant: the same KvK number has a stream of its own in every municipality that verified its certificate.
/// </summary>
public static class PsoEvents
{
    public const string Recorded = "pso-certificate.recorded.v1";
    public const string Corrected = "pso-certificate.corrected.v1";
    public const string Withdrawn = "pso-certificate.withdrawn.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } =
    [
        (typeof(PsoCertificateRecorded), Recorded),
        (typeof(PsoCertificateCorrected), Corrected),
        (typeof(PsoCertificateWithdrawn), Withdrawn),
    ];

    public const string Prefix = "pso-";

    public static StreamId StreamOf(KvkNumber organisation) => new($"{Prefix}{organisation.Value}");
}

/// <summary>An organisation's certificates in one municipality, folded once, inline (<see cref="PsoCertificatesFold"/>).</summary>
/// <param name="StreamVersion">The version of the stream this document folds (its ETag).</param>
public sealed record PsoCertificatesDocument(string Id, PsoCertificates Certificates, long StreamVersion);

/// <summary>Each certificate event applied in one place: <see cref="PsoCertificateDecider.Evolve"/>.</summary>
public sealed class PsoCertificatesFold : SingleStreamProjection<PsoCertificatesDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public PsoCertificatesFold()
    {
        IncludeType<PsoCertificateRecorded>();
        IncludeType<PsoCertificateCorrected>();
        IncludeType<PsoCertificateWithdrawn>();
    }

    // Inline, Marten hands a fold every event of the streams it appends to; only this stream kind's events count.
    public override PsoCertificatesDocument? Evolve(PsoCertificatesDocument? document, string id, IEvent e) => e.Data switch
    {
        PsoCertificateRecorded or PsoCertificateCorrected or PsoCertificateWithdrawn when document is not null || e.Data is PsoCertificateRecorded =>
            new(id, PsoCertificateDecider.Evolve(document?.Certificates, e.Data), e.Version),
        _ => document,
    };
}
