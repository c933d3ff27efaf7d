namespace Sroi.Ledger.Benchmarks;

/// <summary>One realistic event: about 300 bytes, the size of a contract amendment.</summary>
internal static class Payload
{
    public const string EventType = "contract.amended.v1";

    public static string Data(long version) =>
        $$$"""{"previousValue": 200000.00, "newValue": {{{200_000 + version}}}.00, "effectiveOn": "2024-09-01", "reason": "Meerwerk riolering fase {{{version}}}", "obligation": {"applies": true, "percentage": 5, "amount": 13000.00, "policyVersion": "GM0603-v2", "reason": "Contract value at or above the threshold"}}""";

    public const string Metadata = """{"actor": "inkoop:0192f1c4-7a1e-7cbe-9a61-0d3c8a0b2f11", "correlationId": "0HN8Q3K9S2T1:00000001"}""";
}
