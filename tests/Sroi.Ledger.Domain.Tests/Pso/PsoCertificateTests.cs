using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Pso;

public class PsoCertificateTests
{
    private static readonly KvkNumber Contractor = KvkNumber.Parse("12345678");

    private static PsoCertificates Given(params object[] events) => events.Aggregate((PsoCertificates?)null, PsoCertificateDecider.Evolve)!;

    [Fact]
    public void Certificates_are_numbered_and_may_follow_each_other_but_not_overlap()
    {
        var first = PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede1, D(2023, 1, 1), D(2025, 12, 31), null), null);
        var state = Given(first);
        var next = PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede2, D(2026, 1, 1), D(2028, 12, 31), "X-1"), state);

        first.Number.Should().Be(1);
        next.Number.Should().Be(2);
        Given(first, next).ValidOn(D(2026, 1, 1))!.Level.Should().Be(PsoLevel.Trede2);
        Given(first, next).ValidOn(D(2025, 12, 31))!.Level.Should().Be(PsoLevel.Trede1);
        var overlapping = () => PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede2, D(2025, 12, 31), D(2027, 1, 1), null), state);
        overlapping.Should().Throw<RuleViolation>().Which.Code.Should().Be("pso-certificate.overlaps");
    }

    [Fact]
    public void A_correction_replaces_the_terms_and_a_withdrawal_takes_the_certificate_out()
    {
        var recorded = PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede1, D(2023, 1, 1), D(2025, 12, 31), null), null);
        var state = Given(recorded);
        var corrected = PsoCertificateDecider.Decide(
            new CorrectPsoCertificate(Contractor, 1, PsoLevel.Trede3, D(2023, 6, 1), D(2025, 12, 31), "PSO-9"), state.Items[0], state);
        var withdrawn = PsoCertificateDecider.Withdraw(Given(recorded, corrected).Items[0], Given(recorded, corrected));

        Given(recorded, corrected).ValidOn(D(2023, 5, 31)).Should().BeNull();
        Given(recorded, corrected).ValidOn(D(2023, 6, 1))!.Should().Be(new PsoCertificate(1, PsoLevel.Trede3, D(2023, 6, 1), D(2025, 12, 31), "PSO-9", false));
        Given(recorded, corrected, withdrawn).ValidOn(D(2024, 1, 1)).Should().BeNull();
        var again = () => PsoCertificateDecider.Withdraw(Given(recorded, withdrawn).Items[0], Given(recorded, withdrawn));
        again.Should().Throw<RuleViolation>().Which.Code.Should().Be("pso-certificate.withdrawn");
        // A withdrawn certificate no longer blocks its term.
        PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede2, D(2024, 1, 1), D(2024, 12, 31), null), Given(recorded, withdrawn))
            .Number.Should().Be(2);
    }

    [Fact]
    public void A_term_that_ends_before_it_starts_or_runs_over_ten_years_is_refused()
    {
        var backwards = () => PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede1, D(2025, 1, 1), D(2024, 12, 31), null), null);
        var tooLong = () => PsoCertificateDecider.Decide(new RecordPsoCertificate(Contractor, PsoLevel.Trede1, D(2020, 1, 1), D(2030, 1, 2), null), null);

        backwards.Should().Throw<RuleViolation>().Which.Field.Should().Be("validTo");
        tooLong.Should().Throw<RuleViolation>().Which.Code.Should().Be("pso-certificate.too-long");
    }
}
