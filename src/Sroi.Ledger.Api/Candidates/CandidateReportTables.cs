using Npgsql;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Keeps <c>candidates</c>, <c>candidate_treden</c> and <c>placements</c> in step with the candidate streams. Inline:
/// the statements run in the append's transaction. Each event maps to statements of its own (plus the stream's
/// key and the event's version), so the tables are a pure function of the events and can be rebuilt by replay.
/// </summary>
public static class CandidateProjection
{
    public static IEnumerable<NpgsqlBatchCommand> For(MunicipalityCode municipality, CandidateNumber number, ICandidateEvent e, long version)
    {
        var (m, n) = (municipality.Value, number.Value);
        switch (e)
        {
            case CandidateRegistered r:
                yield return Statement("""
                    INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, benefit_since)
                    VALUES ($1, $2, $3, $4, $5)
                    """, m, n, r.RegisteredOn.ToDateOnly(), Kebab(r.TargetGroup), r.BenefitSince?.ToDateOnly());
                yield return Statement("""
                    INSERT INTO candidate_treden (municipality, candidate_number, seq, trede, from_trede, valid_from)
                    VALUES ($1, $2, $3, $4, NULL, $5)
                    """, m, n, version, r.Trede, r.RegisteredOn.ToDateOnly());
                break;
            case TredeChanged t:
                yield return Statement("""
                    UPDATE candidate_treden SET valid_until = $3
                    WHERE municipality = $1 AND candidate_number = $2 AND valid_until IS NULL
                    """, m, n, t.EffectiveOn.ToDateOnly());
                yield return Statement("""
                    INSERT INTO candidate_treden (municipality, candidate_number, seq, trede, from_trede, valid_from)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """, m, n, version, t.To, t.From, t.EffectiveOn.ToDateOnly());
                break;
            case PlacementRecorded p:
                yield return Statement("""
                    INSERT INTO placements (id, municipality, candidate_number, started_on, counting_year, hours_per_week, full_time,
                                            kind, channel, employer_kvk, sroi_contract_id, sroi_contract_scope)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    """, p.PlacementId, m, n, p.StartedOn.ToDateOnly(), p.StartedOn.Year, p.HoursPerWeek, p.FullTime, Kebab(p.Kind),
                    Kebab(p.Channel), p.Employer?.KvkNumber.Value, p.SroiContract?.ContractId, ScopeOf(p.SroiContract));
                break;
            case PlacementEnded p:
                yield return Statement("UPDATE placements SET ended_on = $2 WHERE id = $1", p.PlacementId, p.EndedOn.ToDateOnly());
                break;
            case PlacementCorrected p:
                yield return Statement("""
                    UPDATE placements SET started_on = $2, counting_year = $3, hours_per_week = $4, full_time = $5, kind = $6,
                                          channel = $7, sroi_contract_id = $8, sroi_contract_scope = $9
                    WHERE id = $1
                    """, p.PlacementId, p.StartedOn.ToDateOnly(), p.StartedOn.Year, p.HoursPerWeek, p.FullTime, Kebab(p.Kind), Kebab(p.Channel),
                    p.SroiContract?.ContractId, ScopeOf(p.SroiContract));
                break;
            case PlacementWithdrawn p:
                yield return Statement("UPDATE placements SET withdrawn = true WHERE id = $1", p.PlacementId);
                break;
            case BenefitEnded b:
                yield return Statement("""
                    UPDATE candidates SET benefit_ended_on = $3, benefit_end_reason = $4
                    WHERE municipality = $1 AND candidate_number = $2
                    """, m, n, b.EffectiveOn.ToDateOnly(), Kebab(b.Reason));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without a projection.");
        }
    }

    public static string Kebab<T>(T value) where T : struct, Enum => KebabEnumConverter<T>.NameOf(value);

    private static string? ScopeOf(SroiContractRef? contract) => contract is null ? null : Kebab(contract.Scope);

    /// <summary>Positional parameters $1…$n; null is SQL NULL (its type follows from the column).</summary>
    private static NpgsqlBatchCommand Statement(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
