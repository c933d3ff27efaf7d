namespace Sroi.Ledger.Api.Importing;

/// <summary>How a cell is read before it goes into the endpoint's JSON body (<see cref="CellValues"/>).</summary>
public enum CellFormat
{
    /// <summary>Text as written (a number cell as its digits).</summary>
    Text,
    /// <summary>dd-mm-jjjj or jjjj-mm-dd, or a date cell.</summary>
    Date,
    /// <summary>"1.234,56" or "1234.56", or a number cell; never rounded (the endpoint refuses a third decimal).</summary>
    Number,
    /// <summary>ja/nee (also j/n, true/false, 1/0).</summary>
    YesNo,
    /// <summary>One of the API's values (lower case), e.g. werken, participatiewet, job-market.</summary>
    Value,
    /// <summary>A contract's kenmerk (reference) in the municipality, looked up to the contract's id.</summary>
    ContractReference,
    /// <summary>Not in the body: the row's municipality (CBS code), when --municipality does not say it.</summary>
    Municipality,
    /// <summary>Not in the body: the candidate in the endpoint's path.</summary>
    PathCandidate,
}

/// <param name="Header">The column's heading in the sheet (Dutch; matched ignoring case and surrounding spaces).</param>
/// <param name="Field">The API's field (a JSON path such as <c>contractor.kvkNumber</c>), as its 400 names it.</param>
/// <param name="Required">Whether the endpoint requires it (it says so itself; here for the template's documentation).</param>
public sealed record ImportColumn(string Header, string Field, CellFormat Format, bool Required);

/// <summary>
/// The template: per kind, the columns a sheet may have (docs/import-template.md documents each). A column not named
/// here refuses the file, so a misspelt heading never drops its values silently; a column that would carry a
/// candidate's BSN, name or birth date refuses it with its own message (<see cref="PersonalColumns"/>).
/// </summary>
public static class ImportTemplate
{
    public const string MunicipalityHeader = "Gemeente";

    private static readonly ImportColumn Municipality = new(MunicipalityHeader, "municipality", CellFormat.Municipality, false);

    public static readonly IReadOnlyDictionary<ImportKind, IReadOnlyList<ImportColumn>> Columns = new Dictionary<ImportKind, IReadOnlyList<ImportColumn>>
    {
        [ImportKind.Contracts] =
        [
            Municipality,
            new("Kenmerk", "reference", CellFormat.Text, true),
            new("Titel", "title", CellFormat.Text, true),
            new("Categorie", "category", CellFormat.Value, true),
            new("Opdrachtwaarde", "contractValue", CellFormat.Number, true),
            new("KvK-nummer opdrachtnemer", "contractor.kvkNumber", CellFormat.Text, true),
            new("Naam opdrachtnemer", "contractor.name", CellFormat.Text, true),
            new("Gunningsdatum", "awardedOn", CellFormat.Date, true),
            new("Startdatum", "startsOn", CellFormat.Date, true),
            new("Einddatum", "endsOn", CellFormat.Date, true),
            new("Reikwijdte", "scope", CellFormat.Value, true),
            new("SROI-percentage", "sroi.percentage", CellFormat.Number, false),
            new("Toelichting SROI-percentage", "sroi.reason", CellFormat.Text, false),
            new("Reden vrijstelling", "sroi.exemptionReason", CellFormat.Text, false),
        ],
        [ImportKind.Candidates] =
        [
            Municipality,
            new("Kandidaatnummer", "candidateNumber", CellFormat.Text, true),
            new("Registratiedatum", "registeredOn", CellFormat.Date, true),
            new("Trede", "trede", CellFormat.Number, true),
            new("Doelgroep", "targetGroup", CellFormat.Value, true),
            new("Uitkering sinds", "benefitSince", CellFormat.Date, false),
            new("Uitkeringswet", "benefitAct", CellFormat.Value, false),
            new("Begeleid door WSP", "servedByWsp", CellFormat.YesNo, false),
            new("Schoolsoort", "schoolLeaver.schoolType", CellFormat.Value, false),
            new("Schooljaar verlaten", "schoolLeaver.schoolYearLeft", CellFormat.Text, false),
        ],
        [ImportKind.Placements] =
        [
            Municipality,
            new("Kandidaatnummer", "candidateNumber", CellFormat.PathCandidate, true),
            new("KvK-nummer werkgever", "employer.kvkNumber", CellFormat.Text, false),
            new("Naam werkgever", "employer.name", CellFormat.Text, false),
            new("Startdatum", "startedOn", CellFormat.Date, true),
            new("Uren per week", "hoursPerWeek", CellFormat.Number, true),
            new("Voltijd", "fullTime", CellFormat.YesNo, false),
            new("Soort", "kind", CellFormat.Value, true),
            new("Kanaal", "channel", CellFormat.Value, true),
            new("Kenmerk SROI-contract", "sroiContractId", CellFormat.ContractReference, false),
        ],
        [ImportKind.Fulfilments] =
        [
            Municipality,
            new("Kenmerk contract", "contractId", CellFormat.ContractReference, true),
            new("Soort", "kind", CellFormat.Value, true),
            new("Kandidaatnummer", "candidateNumber", CellFormat.Text, false),
            new("Doelgroep", "targetGroup", CellFormat.Value, false),
            new("Niveau", "level", CellFormat.Value, false),
            new("Uren per week", "hoursPerWeek", CellFormat.Number, false),
            new("Periode van", "periodStart", CellFormat.Date, false),
            new("Periode tot", "periodEnd", CellFormat.Date, false),
            new("55-plus", "age55Plus", CellFormat.YesNo, false),
            new("Arbeidsbeperking", "workLimitation", CellFormat.YesNo, false),
            new("Na vso-stage", "hiredAfterVsoInternship", CellFormat.YesNo, false),
            new("KvK-nummer leverancier", "supplier.kvkNumber", CellFormat.Text, false),
            new("Naam leverancier", "supplier.name", CellFormat.Text, false),
            new("Erkenning leverancier", "supplier.recognition", CellFormat.Value, false),
            new("Factuurnummer", "invoiceNumber", CellFormat.Text, false),
            new("Factuurdatum", "invoiceDate", CellFormat.Date, false),
            new("Bedrag excl. btw", "amountExclVat", CellFormat.Number, false),
            new("Omschrijving", "description", CellFormat.Text, false),
            new("Kosten", "cost", CellFormat.Number, false),
            new("Uren", "hours", CellFormat.Number, false),
            new("Datum", "date", CellFormat.Date, false),
        ],
    };

    /// <summary>
    /// Headings that would bring a candidate's BSN, name or birth date into the ledger, which records none of them: a
    /// sheet with one is refused whole, before any row is read (the candidate number is the only key to a person).
    /// </summary>
    public static readonly IReadOnlySet<string> PersonalColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "naam", "naam kandidaat", "voornaam", "voornamen",
        "achternaam", "geboortedatum", "geboortedag",
    };

    /// <summary>A heading as it is matched: trimmed, lower case, inner spaces as one.</summary>
    public static string Normalise(string header) =>
        string.Join(' ', header.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The column the API's field comes from (its 400 names the field), for the refused rows' list.</summary>
    public static string HeaderOf(ImportKind kind, string field) =>
        Columns[kind].FirstOrDefault(c => c.Field == field)?.Header
        ?? Columns[kind].FirstOrDefault(c => field.StartsWith(c.Field + ".", StringComparison.Ordinal) || c.Field.StartsWith(field + ".", StringComparison.Ordinal))?.Header
        ?? "";
}
