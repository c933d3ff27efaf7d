namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// The joins that read a candidate's (alias <c>c</c>) trede (<c>t</c>), WSP service (<c>w</c>) and, with
/// <paramref name="act"/>, benefit act (<c>a</c>) in force on $2, as known then (instant: parameter <paramref name="known"/>).
/// </summary>
internal static class DatedFacts
{
    public static string InForce(RecordedRows rows, int known, bool act) =>
        Join("candidate_treden", "t", rows, known) + Join("candidate_wsp_service", "w", rows, known)
        + (act ? Join("candidate_benefit_acts", "a", rows, known) : "");

    private static string Join(string table, string alias, RecordedRows rows, int known) => $"""
        JOIN {table} {alias} ON {alias}.municipality = c.municipality AND {alias}.candidate_number = c.candidate_number AND {rows.Of(alias, known)}
             AND {alias}.valid_from <= $2 AND ({alias}.valid_until IS NULL OR {alias}.valid_until > $2)

        """;
}
