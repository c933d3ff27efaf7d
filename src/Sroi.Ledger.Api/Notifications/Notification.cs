using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// One signal, as the feed shows it and a webhook receives it: <c>{id, type, occurredAt, municipality, contractId?, data}</c>.
/// Who it is for follows from its type (<see cref="SignalType"/>): the WSP of <see cref="Municipality"/>, the contractor
/// <see cref="Contractor"/>, or both. <see cref="OnceKey"/> names a time-driven occurrence, raised once per contract.
/// </summary>
public sealed record Notification(
    Guid Id,
    string Type,
    Instant OccurredAt,
    MunicipalityCode Municipality,
    Guid? ContractId,
    KvkNumber? Contractor,
    JsonObject Data,
    string? OnceKey = null)
{
    public bool ToWsp => SignalType.GoesToWsp(Type);

    public KvkNumber? ToContractor => SignalType.GoesToContractor(Type) ? Contractor : null;

    public static Notification New(string type, Instant occurredAt, MunicipalityCode municipality, Guid? contractId,
        KvkNumber? contractor, object data, string? onceKey = null) =>
        new(Guid.NewGuid(), type, occurredAt, municipality, contractId, contractor,
            JsonSerializer.SerializeToNode(data, Hosting.LedgerJson.Options)!.AsObject(), onceKey);

    /// <summary>The body as delivered and stored: the same bytes on every retry, so the signature and the id never change.</summary>
    public string Body() => new JsonObject
    {
        ["id"] = Id,
        ["type"] = Type,
        ["occurredAt"] = JsonSerializer.SerializeToNode(OccurredAt, Hosting.LedgerJson.Options),
        ["municipality"] = Municipality.Value,
        ["contractId"] = ContractId,
        ["data"] = Data.DeepClone(),
    }.ToJsonString(Hosting.LedgerJson.Options);
}
