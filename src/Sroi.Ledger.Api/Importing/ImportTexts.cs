using System.Text.RegularExpressions;

namespace Sroi.Ledger.Api.Importing;

/// <summary>
/// The Dutch of the endpoints' own messages, for the list of refused rows: the same texts the web pages show
/// (web/src/forms/serviceTexts.ts, copied here; keep the two alike). A message not known here is given as the
/// endpoint wrote it, after a Dutch sentence; the list carries the endpoint's message beside it either way.
/// </summary>
public static partial class ImportTexts
{
    /// <summary>A whole number as Dutch writes it, 100.000 (the service runs with the invariant culture only).</summary>
    public static string Number(long value) =>
        value.ToString("#,0", new System.Globalization.NumberFormatInfo { NumberGroupSeparator = "." });

    private static readonly Dictionary<string, string> Exact = new(StringComparer.Ordinal)
    {
        // The JSON reader's own refusal of a third decimal (HttpConventions/NumberScreen), which an imported amount meets first.
        ["A number is written with at most 20 digits before the decimal point and at most two after it, without an exponent: a finer or larger value is refused, never rounded."] =
            "Een getal heeft ten hoogste 20 cijfers vóór en 2 cijfers na de komma: een fijnere of grotere waarde wordt geweigerd, nooit afgerond.",
        ["Required."] = "Vul dit in.",
        ["Expected exactly 8 digits."] = "Een KvK-nummer heeft precies 8 cijfers.",
        ["Letters, digits and - _ . / only."] = "Alleen letters, cijfers en - _ . / zijn toegestaan.",
        ["Must be more than 0."] = "Vul een waarde groter dan 0 in.",
        ["At most two decimals and at most 100 billion."] = "Ten hoogste twee cijfers achter de komma en ten hoogste € 100 miljard.",
        ["At most two decimals."] = "Ten hoogste twee cijfers achter de komma.",
        ["At least 0, at most two decimals."] = "0 of meer, met ten hoogste twee cijfers achter de komma.",
        ["Above 0, at most 100, at most two decimals."] = "Groter dan 0, ten hoogste 100, met ten hoogste twee cijfers achter de komma.",
        ["Above 0, at most 60, at most two decimals."] = "Groter dan 0, ten hoogste 60, met ten hoogste twee cijfers achter de komma.",
        ["From 0 to 100, at most two decimals."] = "Van 0 tot en met 100, met ten hoogste twee cijfers achter de komma.",
        ["0 or more."] = "0 of meer.",
        ["The contract cannot end before it starts."] = "Het contract kan niet eindigen voordat het begint.",
        ["The contract cannot end before it is awarded."] = "Het contract kan niet eindigen vóór de gunningsdatum.",
        ["The period cannot end before it starts."] = "De periode kan niet eindigen voordat zij begint.",
        ["Not before from."] = "Niet vóór de begindatum.",
        ["Not before startsOn."] = "Niet vóór de startdatum.",
        ["Only a penalty or a buy-off has an amount."] = "Alleen een boete of een afkoop heeft een bedrag.",
        ["Give either percentage or exemptionReason, not both."] = "Kies een eigen percentage óf een vrijstelling, niet allebei.",
        ["Give percentage or exemptionReason, or leave sroi out to follow the policy."] = "Vul een percentage of een reden van vrijstelling in, of volg het beleid.",
        ["An exemption's reason goes in exemptionReason."] = "De reden van een vrijstelling hoort bij de vrijstelling.",
        ["A trede on the participatieladder: 1 to 6."] = "Een trede op de participatieladder: 1 tot en met 6.",
        ["Expected a CBS municipality code such as GM0603."] = "Een CBS-gemeentecode, zoals GM0603.",
        ["Required: a CBS municipality code such as GM0603."] = "Vul een CBS-gemeentecode in, zoals GM0603.",
        ["The mbo level, 1 to 4."] = "Het mbo-niveau, 1 tot en met 4.",
        ["Required: the mbo level, 1 to 4."] = "Vul het mbo-niveau in, 1 tot en met 4.",
        ["One of mbo, hbo, vso, pro."] = "Kies mbo, hbo, vso of pro.",
        ["Required: mbo, hbo, vso or pro."] = "Kies mbo, hbo, vso of pro.",
        ["Required: kvkNumber, name and recognition."] = "Vul het KvK-nummer, de naam en de erkenning in.",
        ["Each recognition appears once."] = "Elke erkenning één keer.",
        ["Each block appears once."] = "Elk bouwblok één keer.",
        ["Each outcome once."] = "Elke uitkomst één keer.",
        ["Give what to correct: startedOn, hoursPerWeek, fullTime, kind, channel or sroiContractId."] = "Geef aan wat u corrigeert: startdatum, uren per week, voltijd, soort, kanaal of SROI-contract.",
        ["Only a placement through channel sroi names an SROI contract."] = "Alleen een plaatsing via SROI noemt een SROI-contract.",
        ["Required when channel is sroi: the SROI contract the placement was found under."] = "Kies het SROI-contract waaronder de plaatsing is gevonden.",
        ["Leave it out for a self-employed placement: the candidate's own business would identify them."] = "Laat dit leeg bij een plaatsing als zelfstandige: het eigen bedrijf zou de kandidaat herkenbaar maken.",
        ["Given twice."] = "Twee keer gegeven.",
        ["This reference is already used in the municipality."] = "Dit kenmerk is in uw gemeente al gebruikt voor een ander contract.",
        ["Contains what looks like a BSN (9 digits passing the elfproef, however separated or written); personal numbers are not recorded."] = "Dit bevat iets wat op een BSN lijkt (9 cijfers die de elfproef doorstaan). Persoonsnummers worden niet vastgelegd; zet er bijvoorbeeld letters voor.",
        ["Expected a number such as 200000.00."] = "Vul een getal in.",
        ["Expected a whole number such as 12."] = "Vul een heel getal in.",
        ["Expected text (a JSON string)."] = "Vul tekst in.",
        ["Expected true or false."] = "Kies ja of nee.",
        ["Expected a date such as 2024-06-30."] = "Vul een geldige datum in.",
        ["Unknown field."] = "Dit veld kent de service niet.",
        ["The value has the wrong type or format."] = "Deze waarde heeft niet de goede vorm.",
    };

    private static readonly (Regex Pattern, Func<Match, string> Dutch)[] Patterns =
    [
        (AtMostCharacters(), m => $"Ten hoogste {m.Groups[1].Value} tekens."),
        (WholeNumberRange(), m => $"Een heel getal van {m.Groups[1].Value} tot en met {m.Groups[2].Value}."),
        (AboveZeroAtMost(), m => $"Groter dan 0, ten hoogste {m.Groups[1].Value}, met ten hoogste twee cijfers achter de komma."),
        (NotAFieldOf(), _ => "Dit veld hoort niet bij deze soort rapportage."),
        (ExpectedOneOf(), _ => "Kies een van de mogelijkheden."),
        (ExpectedDate(), _ => "Vul een geldige datum in."),
    ];

    /// <summary>The Dutch of an endpoint's message, or a Dutch sentence with the message itself.</summary>
    public static string Dutch(string message)
    {
        var text = message.Trim();
        if (Exact.TryGetValue(text, out var dutch)) return dutch;
        foreach (var (pattern, of) in Patterns)
            if (pattern.Match(text) is { Success: true } match) return of(match);
        return $"Geweigerd (melding van de API, in het Engels): {text}";
    }

    [GeneratedRegex(@"^At most (\d+) characters\.$")]
    private static partial Regex AtMostCharacters();

    [GeneratedRegex(@"^A whole number from (\d+) to (\d+)\.$")]
    private static partial Regex WholeNumberRange();

    [GeneratedRegex(@"^(?:Above|More than) 0, at most (\d+), at most two decimals\.$")]
    private static partial Regex AboveZeroAtMost();

    [GeneratedRegex(@"^Not a field of an? ([\w-]+) report\.$")]
    private static partial Regex NotAFieldOf();

    [GeneratedRegex(@"^Expected one of: .*\.$")]
    private static partial Regex ExpectedOneOf();

    [GeneratedRegex(@"^Expected a date")]
    private static partial Regex ExpectedDate();
}
