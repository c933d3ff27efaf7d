using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Keeps the report tables <c>candidates</c>, <c>candidate_treden</c> and <c>placements</c> (Schema/020, 021) in step with
/// the candidate streams: a Marten projection registered inline, so its statements run in the append's transaction,
/// whoever appends. Each event maps to statements of its own, given only the event's tenant (the municipality), its
/// stream's key (the candidate number) and its version, so the tables are a pure function of the events in stream
/// order: a rebuild (Marten's daemon) first deletes every row of the three tables (<see cref="Tables"/>), then
/// replays the candidate events.
/// </summary>
public sealed class CandidateReportTables : EventProjection
{
    /// <summary>The tables this projection fills, and so wipes before a rebuild.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["candidates", "candidate_treden", "placements"];

    public CandidateReportTables()
    {
        // Streams are named, not typed: the candidate event types say which events this projection is for (the
        // daemon loads only those). The tables are the numbered scripts' (their checks and covering indexes are the
        // reports'), so Marten only names them for the teardown.
        foreach (var (type, _) in CandidateEventTypes.Mapped)
            IncludeType(type);
        foreach (var table in Tables)
            Options.DeleteDataInTableOnTeardown(table);
    }

    /// <summary>
    /// One event's statements, queued on the session (inline: the append's; in a rebuild: the daemon's batch). Inline, the
    /// type filter does not apply (Marten 9 hands an event projection every event of the session, whatever its stream):
    /// only candidate events count.
    /// </summary>
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is ICandidateEvent candidateEvent)
        {
            var municipality = MunicipalityCode.Parse(e.TenantId);
            foreach (var statement in For(municipality, NumberOf(municipality, e.StreamKey), candidateEvent, e.Version))
                operations.QueueOperation(new QueuedStatement(statement));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The candidate number of a stream <c>candidate-&lt;municipality&gt;-&lt;number&gt;</c> (<see cref="CandidateEventTypes.StreamOf"/>).</summary>
    public static CandidateNumber NumberOf(MunicipalityCode municipality, string? streamKey)
    {
        var prefix = $"candidate-{municipality}-";
        return streamKey is not null && streamKey.StartsWith(prefix, StringComparison.Ordinal)
            ? CandidateNumber.Parse(streamKey[prefix.Length..])
            : throw new InvalidOperationException($"Stream '{streamKey}' is not a candidate stream of {municipality}.");
    }

    /// <summary>The statements of one event at <paramref name="version"/> of the candidate's stream.</summary>
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
