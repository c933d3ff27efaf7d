using Marten;
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
public sealed class StreamHistories(IDocumentStore store, LedgerEvents events)
{
    /// <summary>Events are small and an auditor mostly reads a stream whole: larger pages than a list's.</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    /// <summary>
    /// <c>?asKnownOn=</c> (alias <c>knownOn</c>), <c>?page=</c>, <c>?pageSize=</c>; a bad one is the 400. JSON or CSV by
    /// <c>Accept</c>; one that allows neither is the 406.
    /// </summary>
    public static (HistoryQuery Query, IResult? Problem) QueryOf(HttpRequest request)
    {
        var (format, notAcceptable) = ContentNegotiation.JsonOrCsv(request);
        var errors = new FieldErrors();
        var asKnownOn = QueryParameters.OptionalAsKnownOn(request, errors);
        var (page, pageSize) = QueryParameters.Paging(request, DefaultPageSize, MaxPageSize, errors);
        return (new HistoryQuery(asKnownOn, page, pageSize, format), notAcceptable ?? (errors.Any ? Problems.BadRequest(errors) : null));
    }

    /// <summary>The whole stream as known on the query's moment, as CSV (<see cref="HistoryCsv"/>); 404 when there is no such stream.</summary>
    public Task<IResult> CsvAsync(MunicipalityCode municipality, StreamId stream, HistoryQuery query, string what, CancellationToken ct) =>
        HistoryCsv.AnswerAsync(events, municipality, stream, query.AsKnownOn, what, ct);

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
        var chain = EventChainVerifier.Verify(stream, all);

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
        var page = known.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(HistoryEvent.Of).ToList();
        return (new StreamHistory(stream.Value, municipality, query.AsKnownOn,
            new HistoryChain(chain.IsIntact, chain.EventsChecked, chain.FirstBrokenVersion), page, query.Page, query.PageSize, known.Count, foldProblem), then);
    }

    /// <summary>
    /// GET of the history of a stream a municipality has one of (its SROI policy, building-block tables, ambitions): the
    /// key's own municipality, an admin names one (<see cref="MunicipalityScope"/>); 404 when it has none.
    /// </summary>
    public async Task<IResult> AnswerForMunicipalityAsync<TDocument, TAnswer>(HttpContext http, Func<MunicipalityCode, StreamId> streamOf,
        string what, Func<StreamHistory, TDocument?, TAnswer> answer, CancellationToken ct) where TDocument : class
    {
        var (query, badQuery) = QueryOf(http.Request);
        if (badQuery is not null) return badQuery;
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        if (outside is not null) return outside;
        if (query.Format == ResponseFormat.Csv) return await CsvAsync(municipality, streamOf(municipality), query, $"{what} of {municipality}", ct);
        return await ReadAsync<TDocument>(municipality, streamOf(municipality), query, ct) is { } read
            ? Results.Json(answer(read.History, read.Then), Hosting.LedgerJson.Options)
            : Problems.NotFound($"{what} of {municipality}");
    }
}
