using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Json;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Programmes;

/// <summary>A programme is one stream per municipality and code: <c>programme-GM0603-meedoen-werkt</c>.</summary>
public static class ProgrammeEvents
{
    public const string Registered = "programme.registered.v1";
    public const string Amended = "programme.amended.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(ProgrammeRegistered), Registered), (typeof(ProgrammeAmended), Amended)];

    public static StreamId StreamOf(MunicipalityCode municipality, string code) => new($"programme-{municipality}-{code}");

    public static string Serialize(IProgrammeEvent e) => e switch
    {
        ProgrammeRegistered r => EventJson.Serialize(r),
        ProgrammeAmended a => EventJson.Serialize(a),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Programme event without a serializer."),
    };

    public static IProgrammeEvent Deserialize(string type, string json) => type switch
    {
        Registered => EventJson.Deserialize<ProgrammeRegistered>(json),
        Amended => EventJson.Deserialize<ProgrammeAmended>(json),
        _ => throw new InvalidOperationException($"Unknown programme event type '{type}'."),
    };
}
