using System.Collections.Immutable;
using Sroi.Ledger.Api.Fulfilments.Storing;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Contracts.ReportsApart;

/// <summary>
/// Where a contract document in memory has its reports (never stored: <see cref="ContractDocument.Held"/> is not serialised).
/// A document read from the database has none (null), which is how the inline fold knows it starts from a stored document;
/// a fold's own document either keeps the whole list in its state (<see cref="InList"/>: a fresh fold, a document of a
/// contract whose reports are not apart), or holds, beside a state without the list, the reports this fold has read from the
/// report documents or changed (<see cref="Reports"/>, with their positions, so that the next event of the same append sees
/// them as changed, not as stored).
/// </summary>
/// <param name="Stored">The version of the stored document the fold started from: the report documents are trusted when folded up to it.</param>
public sealed record ReportsHeld(ImmutableDictionary<Guid, FulfilmentDocument> Reports, bool Complete, long Stored = 0)
{
    /// <summary>The document's state holds the whole list.</summary>
    public static ReportsHeld InList { get; } = new(ImmutableDictionary<Guid, FulfilmentDocument>.Empty, Complete: true);

    /// <summary>Nothing read yet of a stored document without its list, at <paramref name="stored"/>.</summary>
    public static ReportsHeld None(long stored) => new(ImmutableDictionary<Guid, FulfilmentDocument>.Empty, Complete: false, stored);

    /// <summary>
    /// The reports held, in reported order. Each report is the newest this fold knows; positions only order them (a report
    /// made in this append takes its event's version, after every earlier one).
    /// </summary>
    public FulfilmentList List => new([.. Reports.Values.OrderBy(d => d.Position).Select(d => d.Report)]);

    /// <summary>These and <paramref name="read"/> from the database: what is held already is newer, so it stays.</summary>
    public ReportsHeld With(IEnumerable<FulfilmentDocument> read, bool complete) =>
        this with { Reports = Reports.AddRange(read.Where(d => !Reports.ContainsKey(d.Id)).Select(d => KeyValuePair.Create(d.Id, d))), Complete = Complete || complete };

    /// <summary>A whole list (a document that still holds it), positioned by its order.</summary>
    public static ReportsHeld Of(string contractId, FulfilmentList whole) =>
        new(whole.InOrder.Select((f, i) => new FulfilmentDocument(f.Id, contractId, i, f)).ToImmutableDictionary(d => d.Id), Complete: true);

    /// <summary>After an event at <paramref name="version"/> turned the held list into <paramref name="after"/>.</summary>
    public ReportsHeld After(string contractId, FulfilmentList after, long version) =>
        this with
        {
            Reports = after.InOrder.ToImmutableDictionary(f => f.Id,
                f => new FulfilmentDocument(f.Id, contractId, Reports.TryGetValue(f.Id, out var was) ? was.Position : version, f)),
        };
}
