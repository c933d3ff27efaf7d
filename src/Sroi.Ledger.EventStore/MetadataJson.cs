using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sroi.Ledger.EventStore;

internal static class MetadataJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
