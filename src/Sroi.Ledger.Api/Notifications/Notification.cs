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
            JsonSerializer.SerializeToNode(data, Json.LedgerJson.Options)!.AsObject(), onceKey);

    /// <summary>The body as delivered and stored: the same bytes on every retry, so the signature and the id never change.</summary>
    public string Body() =>
        JsonSerializer.Serialize(new NotificationBody(Id, Type, OccurredAt, Municipality.Value, ContractId, Data), Json.LedgerJson.Options);
}

/// <summary>
/// A notification as a webhook receives it and the feed lists it. <see cref="Data"/> depends on <see cref="Type"/>
/// (Notifications/SignalData.cs; the README lists what each holds).
/// </summary>
public sealed record NotificationBody(Guid Id, string Type, Instant OccurredAt, string Municipality, Guid? ContractId, JsonObject Data);
