using System.ComponentModel;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auditing.History;

/// <summary>
/// Every stream's history, read one way: the events as stored (with their chain hashes), cut at the moment asked for,
/// one page of them, the chain recomputed over the whole stream, and the state the cut events fold to — folded by Marten
/// with the same projection that keeps the stream's document, so the history shows what the ledger decided on then.
/// </summary>
public sealed class StreamHistories(
    IDocumentStore store, LedgerEvents events, Npgsql.NpgsqlDataSource db, People.PeopleDirectory people, Checkpoints.CheckpointKey key)
{
    /// <summary>Events are small and an auditor mostly reads a stream whole: larger pages than a list's.</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    /// <summary>
    /// <c>?asKnownOn=</c> (alias <c>knownOn</c>), <c>?page=</c>, <c>?pageSize=</c> and the format: an Accept that allows
    /// neither JSON nor CSV is the 406, else a bad parameter the 400 naming every one.
    /// </summary>
    public static (HistoryQuery Query, ProblemHttpResult? Problem) QueryOf(AcceptedFormat format, AsKnownOnQuery known, HistoryPageQuery paging)
    {
        var errors = new FieldErrors();
        var asKnownOn = known.Read(errors);
        var (page, pageSize) = QueryPaging.Read(paging.Page, paging.PageSize, DefaultPageSize, MaxPageSize, errors);
        return (new HistoryQuery(asKnownOn, page, pageSize, format.Format), format.NotAcceptable ?? (errors.Any ? Problems.BadRequest(errors) : null));
    }

    /// <summary>The whole stream as known on the query's moment, as CSV (<see cref="HistoryCsv"/>); null when there is no such stream.</summary>
    public async Task<CsvExport?> CsvAsync(MunicipalityCode municipality, StreamId stream, HistoryQuery query, CancellationToken ct) =>
        await events.StreamVersionAsync(municipality, stream, ct) == 0 ? null : HistoryCsv.Export(events, people, municipality, stream, query.AsKnownOn);

    /// <summary>
    /// The page and the document the events recorded up to the moment fold to (null when none was recorded by then);
    /// null when the municipality holds no such stream.
    /// </summary>
    public async Task<(StreamHistory History, TDocument? Then)?> ReadAsync<TDocument>(
        MunicipalityCode municipality, StreamId stream, HistoryQuery query, CancellationToken ct) where TDocument : class
    {
        var all = await events.ReadStreamAsync(municipality, stream, ct: ct);
        if (all.Count == 0) return null;
        var known = query.AsKnownOn is { } moment ? all.Where(e => e.RecordedAt <= moment).ToList() : all;
        // The chain's summary is the stream's as it is now (a break anywhere is the auditor's first concern); what the answer
        // says as known on the moment — each event's chainHolds, the checkpoint — is held to the events recorded by then: a
        // chain checked up to the last of them, the newest checkpoint signed at or before the moment.
        var chain = EventChainVerifier.Verify(stream, all);
        var knownChain = ReferenceEquals(known, all) ? chain : EventChainVerifier.Verify(stream, known);

        TDocument? then = null;
        string? foldProblem = null;
        if (known.Count > 0)
        {
            // Up to the last event shown, by version: exactly the events listed, whatever the clock's precision.
            await using var session = store.QuerySession(municipality.Value);
            var upTo = known[^1].StreamVersion;
            (then, foldProblem) = await UnfoldableEvents.TryAsync(
                () => session.Events.AggregateStreamAsync<TDocument>(stream.Value, version: upTo, token: ct), upTo);
        }
        var shown = known.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        // The names of the page's persons in one query, not one per event.
        var persons = await people.FindAsync(shown.Select(e => e.Metadata.Actor), ct);
        var page = shown.Select(e => HistoryEvent.Of(e, persons, knownChain.FirstBrokenVersion)).ToList();
        var checkpoint = await StreamCheckpoint.NewestAsync(db, key, municipality.Value, stream.Value, known, knownChain.FirstBrokenVersion, ct, query.AsKnownOn);
        return (new StreamHistory(stream.Value, municipality, query.AsKnownOn,
            new HistoryChain(chain.IsIntact, chain.EventsChecked, chain.FirstBrokenVersion), page, query.Page, query.PageSize, known.Count, foldProblem,
            checkpoint), then);
    }

    /// <summary>
    /// GET of the history of a stream a municipality has one of (its SROI policy, building-block tables, ambitions): the
    /// key's own municipality, an admin names one (<see cref="MunicipalityScope.ForRead"/>), a contractor acting in every
    /// municipality one where it holds a contract; 404 when it has none.
    /// </summary>
    public async Task<Results<JsonOrCsv<TAnswer>, ProblemHttpResult>> AnswerForMunicipalityAsync<TDocument, TAnswer>(
        AcceptedFormat format, AsKnownOnQuery known, HistoryPageQuery paging, MunicipalityQuery scope, Caller caller,
        Func<MunicipalityCode, StreamId> streamOf, string what, Func<StreamHistory, TDocument?, TAnswer> answer, CancellationToken ct)
        where TDocument : class
    {
        var (query, badQuery) = QueryOf(format, known, paging);
        if (badQuery is not null) return badQuery;
        var (municipality, outside) = MunicipalityScope.ForRead(caller, scope);
        if (outside is not null) return outside;
        var (_, beyondReach) = await MunicipalityScope.ContractorReachAsync(db, caller, municipality, ct);
        if (beyondReach is not null) return beyondReach;
        var notFound = Problems.NotFound($"{what} of {municipality}");
        if (query.Format == ResponseFormat.Csv)
            return await CsvAsync(municipality, streamOf(municipality), query, ct) is { } export ? JsonOrCsv<TAnswer>.Csv(export) : notFound;
        return await ReadAsync<TDocument>(municipality, streamOf(municipality), query, ct) is { } read
            ? JsonOrCsv<TAnswer>.Json(answer(read.History, read.Then))
            : notFound;
    }
}

/// <summary>
/// <c>?page=</c> and <c>?pageSize=</c> of a history. Events are small and an auditor mostly reads a stream whole: larger
/// pages than a list's. The CSV is the whole stream, unpaged.
/// </summary>
public sealed record HistoryPageQuery
{
    [Description("Page number, from 1 (JSON only: the CSV is the whole stream)."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Events per page, 1 to 1000."), DefaultValue(StreamHistories.DefaultPageSize)]
    public QueryWholeNumber? PageSize { get; init; }
}
