using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>
/// A contract's reports in the order they were reported (the order of their events in the contract's stream), each
/// found by its id. A contract has tens of reports, not thousands: a lookup walks the list.
/// </summary>
/// <remarks>
/// Stored in the contract's document as <c>{"inOrder": […]}</c>. No other collection-typed member here: the document's
/// serialiser skips get-only properties but wrote a get-only collection view (<c>Values</c>) all the same, storing every
/// report twice.
/// </remarks>
public sealed record FulfilmentList(ImmutableList<Fulfilment> InOrder)
{
    public static FulfilmentList Empty { get; } = new(ImmutableList<Fulfilment>.Empty);

    public int Count => InOrder.Count;

    public Fulfilment this[Guid id] =>
        TryGetValue(id, out var report) ? report : throw new KeyNotFoundException($"The contract has no report {id}.");

    public bool ContainsKey(Guid id) => IndexOf(id) >= 0;

    public bool TryGetValue(Guid id, [MaybeNullWhen(false)] out Fulfilment report)
    {
        var index = IndexOf(id);
        report = index >= 0 ? InOrder[index] : null;
        return report is not null;
    }

    /// <summary>A new report, after the ones reported before it.</summary>
    public FulfilmentList Add(Fulfilment report) => ContainsKey(report.Id)
        ? throw new InvalidOperationException($"Report {report.Id} is already on the contract.")
        : new(InOrder.Add(report));

    /// <summary>The list with report <paramref name="id"/> changed in its place.</summary>
    public FulfilmentList Change(Guid id, Func<Fulfilment, Fulfilment> change)
    {
        var index = IndexOf(id);
        if (index < 0) throw new KeyNotFoundException($"The contract has no report {id}.");
        return new(InOrder.SetItem(index, change(InOrder[index])));
    }

    private int IndexOf(Guid id)
    {
        for (var i = 0; i < InOrder.Count; i++)
            if (InOrder[i].Id == id) return i;
        return -1;
    }
}
