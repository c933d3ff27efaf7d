using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Npgsql;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Candidates.ReportRows;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// Candidate streams folded again many at a time (issue 23): a batch of one municipality's candidates in one transaction
/// under all their streams' locks (<see cref="Writing.StreamLock.TakeAllAsync"/>), so a writer of one of them waits for the
/// batch, and writers of every other stream carry on. Per batch, not per candidate: one round trip for the locks, one for
/// their events, one for their rows in the report tables, and, where those differ from what the events make, one for the
/// deletes and a COPY a table; then their documents and the commit. The rows are made in memory by the projection's own
/// steps (<see cref="CandidateRowsFold"/>) and written only where they differ (<see cref="CandidateRowsWrite"/>), so the
/// tables end holding what a fresh fold makes. Today's caseload count, the one table every candidate of a municipality
/// shares, a batch leaves alone: the rebuild counts it once at its end from the rebuilt pieces (<see cref="CaseloadRecount"/>).
/// </summary>
public sealed class CandidateBatchRefold(IDocumentStore store)
{
    private readonly InMemoryEvents inMemory = new(store);

    /// <summary>
    /// Candidates a batch. A writer of one of them waits for the batch rather than for one candidate: at 64 about 0.17 CPU-s
    /// (0.1–0.2 s on quiet cores, ~1 s under a load of 37, docs/benchmarks.md), while the round trips and commits are a 64th.
    /// </summary>
    public const int Size = 64;

    private long reportTablesTicks;
    private long rowsWritten;

    /// <summary>How many report rows the batches wrote and committed (none where the tables were right).</summary>
    public long RowsWritten => Interlocked.Read(ref rowsWritten);

    /// <summary>The time spent in the candidates' report-table statements, summed over the workers.</summary>
    public long ReportTablesMilliseconds => Interlocked.Read(ref reportTablesTicks) * 1000 / Stopwatch.Frequency;

    /// <summary>
    /// Events a batch, at most (bar a batch of one candidate, whose own history it is): a batch's locks are held for the
    /// work of all its events, so 64 candidates of long histories would be one long lock — a writer of any of them waiting
    /// for all of it, and the batch's round trip outliving the command timeout (30 s), where each candidate alone took a
    /// 64th of that (RebuildBatchBoundsTests). A typical candidate has ~12 events, so a typical batch is still 64.
    /// </summary>
    public const long MaxEvents = 1_024;

    /// <summary>
    /// The candidate streams as batches: one municipality each, in the list's order, at most <see cref="Size"/> candidates
    /// and <see cref="MaxEvents"/> events (as listed) a batch.
    /// </summary>
    public static IEnumerable<(string Tenant, string[] Streams)> Batches(IEnumerable<(string Tenant, string Stream, long Events)> streams)
    {
        var batch = new List<string>();
        var (tenant, events) = ("", 0L);
        foreach (var s in streams)
        {
            if (batch.Count > 0 && (s.Tenant != tenant || batch.Count == Size || events + s.Events > MaxEvents))
            {
                yield return (tenant, [.. batch]);
                (batch, events) = ([], 0);
            }
            tenant = s.Tenant;
            batch.Add(s.Stream);
            events += s.Events;
        }
        if (batch.Count > 0) yield return (tenant, [.. batch]);
    }

    public async Task RunAsync(string tenant, IReadOnlyList<string> streams, CancellationToken ct)
    {
        try
        {
            await StreamRefold.RetriedAsync(() => RefoldAsync(tenant, streams, ct));
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException($"The candidate streams '{streams[0]}' … '{streams[^1]}' of {tenant} could not be refolded: {e.MessageText}", e);
        }
    }

    private async Task RefoldAsync(string tenant, IReadOnlyList<string> streams, CancellationToken ct)
    {
        var municipality = MunicipalityCode.Parse(tenant);
        var numbers = streams.Select(s => CandidateReportTables.NumberOf(municipality, s)).ToList();
        var numberTexts = numbers.Select(n => n.Value).ToList();
        await using var session = store.LightweightSession(tenant);
        await session.BeginTransactionAsync(ct);
        var connection = session.Connection!;
        await Writing.StreamLock.TakeAllAsync(connection, tenant, streams, ct);

        // Every stream of the batch read by one statement (a batched FetchStream was one statement a stream, 84,548 at 922,646
        // events; Marten's LINQ over its raw events parsed its query again for every batch), made into the IEvents Marten
        // would have read (InMemoryEvents, as a verification folds them), then folded in memory twice: into its rows'
        // statements and, by the aggregator AggregateStreamAsync applies, into its document.
        var read = inMemory.Of(await LedgerEvents.ReadStreamsAsync(connection, tenant, [.. streams], ct));
        var byStream = read.GroupBy(e => e.StreamKey!).ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)[.. g]);
        var fetched = streams.Select(s => byStream.GetValueOrDefault(s) ?? []).ToList();

        // Each candidate's rows made in memory by the projection's steps (CandidateRowsFold), then written where the tables
        // differ (CandidateRowsWrite): where they are right, a batch only reads them.
        var clock = Stopwatch.StartNew();
        var made = new List<IReadOnlyDictionary<ReportTable, List<object?[]>>>(streams.Count);
        for (var i = 0; i < streams.Count; i++)
            made.Add(CandidateRowsFold.Fold(municipality, numbers[i], Recorded(fetched[i])));
        var written = await CandidateRowsWrite.RunAsync(connection, tenant, numberTexts, made, ct);
        Interlocked.Add(ref reportTablesTicks, clock.ElapsedTicks);

        // The documents by the same fold as inline (the aggregator AggregateStreamAsync applies), written by one statement
        // for the batch queued on the session (CandidateDocumentsUpsert; it runs at the commit); a stream that folds into
        // nothing loses its document through Marten.
        var kind = StreamKinds.Of(streams[0])!;
        var documents = new List<CandidateDocument>(streams.Count);
        for (var i = 0; i < streams.Count; i++)
        {
            if (await kind.FoldEventsAsync(session, fetched[i], ct) is CandidateDocument document) documents.Add(document);
            else session.Delete<CandidateDocument>(streams[i]);
        }
        CandidateDocumentsUpsert.Queue(session, tenant, documents);
        // No caseload statement here (the class says why): the batch's pieces differ from those it removed only where the
        // read models were wrong, and the recount at the end makes the count whole from the rebuilt pieces; meanwhile a
        // writer's status statement moves it by the pieces it changes, as always. Per batch it was a read of the
        // candidates' share and an upsert that queued behind every other batch and writer on the same days' rows.
        await session.SaveChangesAsync(ct);
        // Counted once committed: a batch rolled back and refolded (StreamRefold.RetriedAsync) counts its rows once.
        Interlocked.Add(ref rowsWritten, written);
    }

    /// <summary>Each candidate event with its version and its recorded time as Marten read it from <c>mt_events.timestamp</c>.</summary>
    private static List<(ICandidateEvent, long, DateTimeOffset)> Recorded(IReadOnlyList<IEvent> events) =>
        [.. events.Where(e => e.Data is ICandidateEvent).Select(e => ((ICandidateEvent)e.Data, e.Version, e.Timestamp))];
}
