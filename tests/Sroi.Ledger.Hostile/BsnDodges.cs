using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Hostile;

/// <summary>
/// The BSN 123456782 (it passes the elfproef) written so that a screen of ASCII digits misses it, in every text field
/// and candidate number of the writes that create something (so each request starts from a fresh, valid body and is
/// sent for real), and in the tracing headers. Counted: accepted (2xx), and whether the BSN reached mt_events — searched
/// in the events the request appended (stream id, data, headers, correlation and causation ids) after NFKC folding and
/// reading every decimal digit as its value, with spaces, dots, hyphens and invisible characters between digits removed.
/// </summary>
internal static class BsnDodges
{
    public const string Category = "BSN dodges";
    public const string Bsn = "123456782";

    /// <summary>The dodges: the nine digits written another way. The first is the control (plain ASCII: refused on main too).</summary>
    private static readonly (string Kind, string Digits)[] Dodges =
    [
        ("plain ASCII (control)", "123456782"),
        ("superscript digits", "¹²³⁴⁵⁶⁷⁸²"),
        ("subscript digits", "₁₂₃₄₅₆₇₈₂"),
        ("circled digits", "①②③④⑤⑥⑦⑧②"),
        ("fullwidth digits", "１２３４５６７８２"),
        ("Arabic-Indic digits", "١٢٣٤٥٦٧٨٢"),
        ("Persian digits", "۱۲۳۴۵۶۷۸۲"),
        ("Devanagari digits", "१२३४५६७८२"),
        ("Bengali digits", "১২৩৪৫৬৭৮২"),
        ("Thai digits", "๑๒๓๔๕๖๗๘๒"),
        ("mathematical bold digits", "𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟐"),
        ("mixed scripts", "1２³４٥6७８②"),
        ("split by spaces", "1 2 3 4 5 6 7 8 2"),
        ("split by dots", "123.456.782"),
        ("split by hyphens", "1234-56-782"),
        ("split by ZWSP", "1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8\u200b2"),
        (LeadingZero, "0123456782"),
    ];

    /// <summary>Tried on identifiers only (candidate numbers, references): in prose a 10-digit number is not taken for a BSN.</summary>
    private const string LeadingZero = "leading zero (10 digits)";

    public static async Task RunAsync(Target target, World world, Results results, List<string> notes)
    {
        var baseline = await CountAsync(target, 0);
        var key = world.OwnKeys;
        var contract = $"/api/v1/contracts/{world.ContractId}";
        // Where a dodge goes: a text field of a write that creates something, and candidate numbers as they are.
        (string Field, string Key, string Url, Func<string, JsonObject> Body)[] fields =
        [
            // Identifiers first (see LeadingZero), then prose.
            ("contract reference", key["inkoop"], "/api/v1/contracts", d => Bodies.Contract("R-" + d)),
            ("candidate number of a report", key["opdrachtnemer"], contract + "/fulfilments", Employment),
            ("candidate number", key["wsp"], "/api/v1/candidates", d => Bodies.Candidate(d)),
            ("contract title", key["inkoop"], "/api/v1/contracts", d => Bodies.Contract("HOSTILE-" + World.Letters(10)).Also(b => b["title"] = "Herinrichting BSN " + d)),
            ("contractor name", key["inkoop"], "/api/v1/contracts", d => Bodies.Contract("HOSTILE-" + World.Letters(10)).Also(b => b["contractor"]!["name"] = "Bouwbedrijf " + d)),
            ("training description", key["opdrachtnemer"], contract + "/fulfilments", d => Bodies.Training().Also(b => b["description"] = "Opleiding voor " + d)),
            ("invoice number", key["opdrachtnemer"], contract + "/fulfilments", d => SocialProcurement("F-" + d)),
            ("trede change reason", key["wsp"], $"/api/v1/candidates/{world.CandidateNumber}/trede-changes",
                d => new JsonObject { ["trede"] = 3, ["effectiveOn"] = "2021-06-01", ["reason"] = "Herbeoordeling " + d }),
            ("employer name", key["wsp"], $"/api/v1/candidates/{world.CandidateNumber}/placements", d => Bodies.Placement().Also(b => b["employer"]!["name"] = "Bakkerij " + d)),
        ];
        const int identifiers = 3;
        foreach (var (kind, digits) in Dodges)
            foreach (var (field, bearer, url, body) in kind == LeadingZero ? fields.Take(identifiers) : fields)
            {
                if (target.OutOfTime) break;
                var answer = await target.SendAsync("POST", url, bearer, JsonPaths.Bytes(body(digits)));
                await CountAsync(target, results.Row(Category, kind), answer, $"{field}: {digits}{Malformed.Why(answer)}");
            }

        // The tracing headers are stored with every event (correlation_id, causation_id): a UUID's last twelve digits hold nine.
        foreach (var (header, value) in new[]
        {
            ("X-Correlation-ID", "00000000-0000-0000-0000-000123456782"),
            ("X-Causation-ID", "00000000-0000-0000-0000-000123456782"),
            ("X-Correlation-ID", "corr-¹²³⁴⁵⁶⁷⁸²"),
            ("Idempotency-Key", "00000000-0000-0000-0000-000123456782"),
        })
        {
            var answer = await target.SendAsync("POST", "/api/v1/contracts", key["inkoop"],
                JsonPaths.Bytes(Bodies.Contract("HOSTILE-" + World.Letters(10))), headers: [new(header, value)]);
            await CountAsync(target, results.Row(Category, "UUID-shaped or folded header"), answer, $"{header}: {value}{Malformed.Why(answer)}",
                acceptedIsBad: false);
        }

        var total = await CountAsync(target, 0);
        notes.Add($"BSN dodges: {total} events in mt_events hold the BSN {Bsn} after folding ({baseline} before the dodges; " +
            "the search: NFKC, every Unicode decimal digit as its value, spaces, dots, hyphens and format characters between digits removed).");
    }

    /// <param name="acceptedIsBad">
    /// False for a header: the service may answer the request and store another value in its place (its trace id), so
    /// only a header that reached mt_events counts. A text field with a BSN in it must be refused.
    /// </param>
    private static async Task CountAsync(Target target, Tally row, Answer answer, string what, bool acceptedIsBad = true)
    {
        row.ExpectReached();
        var reached = answer.EventsWritten > 0 && await CountAsync(target, answer.SeqBefore) > 0;
        if (reached)
        {
            row.CountReached();
            what += " [reached mt_events]";
        }
        row.Count(answer.Status, reached || (acceptedIsBad && answer.Status is >= 200 and < 300), answer.EventsWritten, what);
    }

    /// <summary>Events after <paramref name="afterSeq"/> that hold the BSN once folded.</summary>
    private static async Task<int> CountAsync(Target target, long afterSeq) =>
        (await target.EventTextsAsync(afterSeq)).Count(e => Fold(e.Text).Contains(Bsn, StringComparison.Ordinal));

    /// <summary>
    /// The text as digits a reader would see: NFKC (superscripts, circled, fullwidth, mathematical digits become ASCII),
    /// every remaining decimal digit (Arabic-Indic, Devanagari, Thai, …) as its value, and the separators a person skips
    /// when reading a number (spaces, dots, hyphens, format characters such as ZWSP) dropped; anything else breaks a run.
    /// </summary>
    public static string Fold(string text)
    {
        string folded;
        try { folded = text.Normalize(NormalizationForm.FormKC); }
        catch (ArgumentException) { folded = text; } // a lone surrogate: fold the digits only
        var digits = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.DecimalDigitNumber)
                digits.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            else if (Rune.IsWhiteSpace(rune) || rune.Value is '.' or '-' || category == UnicodeCategory.Format)
                continue;
            else
                digits.Append('|');
        }
        return digits.ToString();
    }

    private static JsonObject Employment(string candidate) => new()
    {
        ["kind"] = "employment", ["candidateNumber"] = candidate, ["targetGroup"] = "participatiewet", ["hoursPerWeek"] = 32,
        ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-06-30", ["age55Plus"] = false, ["workLimitation"] = false,
    };

    private static JsonObject SocialProcurement(string invoice) => new()
    {
        ["kind"] = "social-procurement",
        ["supplier"] = new JsonObject { ["kvkNumber"] = "87654321", ["name"] = "De Groene Werkplaats B.V.", ["recognition"] = "code-sociale-ondernemingen" },
        ["invoiceNumber"] = invoice, ["invoiceDate"] = "2024-05-15", ["amountExclVat"] = 4250,
    };

    private static JsonObject Also(this JsonObject body, Action<JsonObject> change)
    {
        change(body);
        return body;
    }
}
