using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// Pins the stored JSON of the plan-of-approach events (issue 21). A failure means the shape changed: that needs a new
/// event version (…v2), not an edit of the old shape.
/// </summary>
public class PlanEventShapeTests
{
    private static readonly LocalDate Day = new(2025, 1, 15);

    private static void Pinned(IContractEvent e, string name, string json)
    {
        ContractEventTypes.NameOf(e).Should().Be(name);
        ContractEventTypes.Serialize(e).Should().Be(json);
        ContractEventTypes.Deserialize(name, json).Should().BeEquivalentTo(e, options => options.RespectingRuntimeTypes());
    }

    [Fact]
    public void Plan_submitted_v1() => Pinned(
        new PlanSubmitted(2, [
            new PlanLine(FulfilmentKind.Bbl, BuildingBlockCode.BblLevel2OrLower, new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31), 2m),
            new PlanLine(FulfilmentKind.SocialProcurement, null, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), 20_000.00m)], Day),
        "contract.plan-submitted.v1",
        """{"revision":2,"lines":[{"kind":"bbl","block":"bbl-level2-or-lower","from":"2025-01-01","to":"2025-12-31","amount":2},{"kind":"social-procurement","block":null,"from":"2026-01-01","to":"2026-12-31","amount":20000.00}],"submittedOn":"2025-01-15"}""");

    [Fact]
    public void Plan_approved_v1() => Pinned(new PlanApproved(2, Day, "Akkoord"), "contract.plan-approved.v1",
        """{"revision":2,"approvedOn":"2025-01-15","note":"Akkoord"}""");

    [Fact]
    public void Plan_returned_v1() => Pinned(new PlanReturned(1, Day, "Geen BBL-plaatsen"), "contract.plan-returned.v1",
        """{"revision":1,"returnedOn":"2025-01-15","reason":"Geen BBL-plaatsen"}""");
}
