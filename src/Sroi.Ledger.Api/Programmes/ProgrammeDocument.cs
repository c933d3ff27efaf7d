using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using NodaTime;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Programmes;

/// <summary>A programme's stream folded once, inline (<see cref="ProgrammeFold"/>), in the municipality's tenant, keyed by the stream's name.</summary>
/// <param name="StreamVersion">The version of the stream this document folds (its ETag).</param>
public sealed record ProgrammeDocument(string Id, ProgrammeState State, long StreamVersion);

/// <summary>Each programme event applied in one place: <see cref="ProgrammeDecider.Evolve"/>.</summary>
public sealed class ProgrammeFold : SingleStreamProjection<ProgrammeDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public ProgrammeFold()
    {
        IncludeType<ProgrammeRegistered>();
        IncludeType<ProgrammeAmended>();
    }

    // Inline, Marten hands a fold every event of the streams it appends to; only this stream kind's events count.
    public override ProgrammeDocument? Evolve(ProgrammeDocument? document, string id, IEvent e) => e.Data is IProgrammeEvent programme
        ? new(id, ProgrammeDecider.Evolve(document?.State ?? ProgrammeState.Initial, programme), e.Version)
        : document;
}

/// <param name="EndsOn">Null: the programme runs on.</param>
/// <param name="Outcomes">The outcome codes the programme counts, as declared.</param>
public sealed record ProgrammeResponse(
    MunicipalityCode Municipality, string Code, string Name, LocalDate StartsOn, LocalDate? EndsOn, IReadOnlyList<string> Outcomes, long Version)
{
    public static ProgrammeResponse From(ProgrammeState state, long version) =>
        new(state.Municipality, state.Code, state.Name, state.StartsOn, state.EndsOn, state.Outcomes, version);

    public static ProgrammeResponse From(ProgrammeDocument document) => From(document.State, document.StreamVersion);
}

/// <summary>Reads programmes in the municipality's tenant: another municipality's programme is not there.</summary>
public sealed class ProgrammeReader(IDocumentStore store)
{
    public async Task<ProgrammeDocument?> LoadAsync(MunicipalityCode municipality, string code, CancellationToken ct)
    {
        await using var session = store.QuerySession(municipality.Value);
        return await session.LoadAsync<ProgrammeDocument>(ProgrammeEvents.StreamOf(municipality, code).Value, ct);
    }

    /// <summary>The programme as the ledger knew it on <paramref name="moment"/> (the same fold over the events recorded by then); null when none was.</summary>
    public async Task<ProgrammeDocument?> KnownOnAsync(MunicipalityCode municipality, string code, Instant moment, CancellationToken ct)
    {
        await using var session = store.QuerySession(municipality.Value);
        return await session.Events.AggregateStreamAsync<ProgrammeDocument>(
            ProgrammeEvents.StreamOf(municipality, code).Value, timestamp: moment.ToDateTimeOffset(), token: ct);
    }

    /// <summary>The municipality's programmes by code (a handful: read whole).</summary>
    public async Task<IReadOnlyList<ProgrammeDocument>> ListAsync(MunicipalityCode municipality, CancellationToken ct)
    {
        await using var session = store.QuerySession(municipality.Value);
        var documents = await session.Query<ProgrammeDocument>().ToListAsync(ct);
        return [.. documents.OrderBy(d => d.State.Code, StringComparer.Ordinal)];
    }
}
