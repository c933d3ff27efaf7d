using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.EventStore;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>The stable names of contract events. A name is never reused for another shape.</summary>
public static class ContractEventTypes
{
    public const string StreamType = "contract";
    public const string Registered = "contract.registered.v1";
    public const string Amended = "contract.amended.v1";
    public const string Completed = "contract.completed.v1";

    public static StreamId StreamOf(Guid contractId) => new($"contract-{contractId}");

    public static string NameOf(IContractEvent e) => e switch
    {
        ContractRegistered => Registered,
        ContractAmended => Amended,
        ContractCompleted => Completed,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Contract event without a stable name."),
    };

    public static string Serialize(IContractEvent e) => e switch
    {
        ContractRegistered r => EventJson.Serialize(r),
        ContractAmended a => EventJson.Serialize(a),
        ContractCompleted c => EventJson.Serialize(c),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Contract event without a serializer."),
    };

    public static IContractEvent Deserialize(string type, string json) => type switch
    {
        Registered => EventJson.Deserialize<ContractRegistered>(json),
        Amended => EventJson.Deserialize<ContractAmended>(json),
        Completed => EventJson.Deserialize<ContractCompleted>(json),
        _ => throw new InvalidOperationException($"Unknown contract event type '{type}'."),
    };
}
