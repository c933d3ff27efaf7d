using Sroi.Ledger.Api.EventLog;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Policies;

/// <summary>
/// A municipality's policy stream folded once: what the decider decides on and what the API lists. Marten keeps it
/// inline (<see cref="SroiPolicyFold"/>), in the municipality's tenant, keyed by the stream's name.
/// </summary>
/// <param name="StreamVersion">The version of the stream this document folds (its ETag).</param>
public sealed record SroiPolicyDocument(string Id, SroiPolicyHistory History, long StreamVersion);

/// <summary>Each policy event applied in one place: <see cref="SroiPolicyDecider.Evolve"/>.</summary>
public sealed class SroiPolicyFold : SingleStreamProjection<SroiPolicyDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public SroiPolicyFold() => IncludeType<SroiPolicyVersionAdded>();

    // Inline, Marten hands a fold every event of the streams it appends to; only this stream kind's events count.
    public override SroiPolicyDocument? Evolve(SroiPolicyDocument? document, string id, IEvent e) => e.Data is SroiPolicyVersionAdded added
        ? new(id, SroiPolicyDecider.Evolve(document?.History ?? SroiPolicyHistory.Empty, added), e.Version)
        : document;
}

/// <summary>Policy versions as the folded documents hold them.</summary>
public static class SroiPolicies
{
    /// <summary>The versions of one municipality, or of all (policies are public data), by municipality and date.</summary>
    public static async Task<IReadOnlyList<SroiPolicyVersion>> ListAsync(IDocumentStore store, MunicipalityCode? municipality, CancellationToken ct) =>
        [.. (await MunicipalityDocuments.OneOrAllAsync<SroiPolicyDocument>(store, municipality, PolicyEvents.StreamOf, ct))
            .SelectMany(d => d.History.Versions).OrderBy(v => v.Municipality.Value, StringComparer.Ordinal).ThenBy(v => v.EffectiveFrom)];

    /// <summary>The version that governs a contract of the municipality awarded on a date; null when none is in force.</summary>
    public static async Task<SroiPolicyVersion?> InForceAsync(IDocumentStore store, MunicipalityCode municipality, NodaTime.LocalDate awardedOn, CancellationToken ct) =>
        (await HistoryAsync(store, municipality, ct)).InForceOn(awardedOn);

    /// <summary>Every version of the municipality's policy; empty when it has none.</summary>
    public static async Task<SroiPolicyHistory> HistoryAsync(IDocumentStore store, MunicipalityCode municipality, CancellationToken ct) =>
        (await MunicipalityDocuments.LoadAsync<SroiPolicyDocument>(store, municipality, PolicyEvents.StreamOf(municipality), ct))?.History
        ?? SroiPolicyHistory.Empty;
}
