using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// Pins the stored JSON of <c>contract.pso-applied.v1</c> (issue 21). A failure means the shape changed: that needs a new
/// event version (…v2), not an edit of the old shape.
/// </summary>
public class PsoEventShapeTests
{
    [Fact]
    public void Pso_applied_v1()
    {
        var e = new ContractPsoApplied(
            [new PsoReductionTerm(new LocalDate(2024, 7, 1), new LocalDate(2024, 9, 30), 1, PsoLevel.Trede2, "PSO-1", "GM0772-v1", 10m)],
            [new PsoPurchaseTerm(KvkNumber.Parse("87654321"), new LocalDate(2024, 1, 1), new LocalDate(2024, 9, 30), 2, PsoLevel.Trede1, "GM0772-v1", 50m)],
            "pso-certificate 12345678/1 recorded");
        const string json = """{"reductions":[{"from":"2024-07-01","to":"2024-09-30","certificate":1,"level":"trede2","certificateNumber":"PSO-1","policyVersion":"GM0772-v1","percentage":10}],"purchases":[{"supplier":"87654321","from":"2024-01-01","to":"2024-09-30","certificate":2,"level":"trede1","policyVersion":"GM0772-v1","share":50}],"cause":"pso-certificate 12345678/1 recorded"}""";

        ContractEventTypes.NameOf(e).Should().Be("contract.pso-applied.v1");
        ContractEventTypes.Serialize(e).Should().Be(json);
        ContractEventTypes.Deserialize("contract.pso-applied.v1", json).Should().BeEquivalentTo(e, options => options.RespectingRuntimeTypes());
    }
}
