using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>A contract of €200.000 (obligation €10.000) with its contractor's key, the WSP's key and procurement's key.</summary>
public sealed record ContractUnderReport(string Id, string Kvk, HttpClient Contractor, HttpClient Wsp, HttpClient Inkoop)
{
    public string Url => $"/api/v1/contracts/{Id}";

    public async Task<JsonNode> ReportAsync(JsonObject body, HttpClient? by = null) =>
        await (await (by ?? Contractor).PostJsonAsync($"{Url}/fulfilments", body)).ShouldBeAsync(HttpStatusCode.Created);

    public async Task<JsonNode> AcceptAsync(JsonNode report) =>
        await (await Wsp.PostJsonAsync($"{Url}/fulfilments/{report["id"]}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);

    public async Task<JsonNode> RejectAsync(JsonNode report, string reason = "Geen bewijs aangeleverd") =>
        await (await Wsp.PostJsonAsync($"{Url}/fulfilments/{report["id"]}/rejection", new JsonObject { ["reason"] = reason }))
            .ShouldBeAsync(HttpStatusCode.OK);

    public async Task<JsonNode> BalanceAsync(HttpClient? by = null) =>
        await (await (by ?? Wsp).GetAsync($"{Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);

    /// <summary>The number of events in the contract's stream, to show that a refused request wrote nothing.</summary>
    public async Task<long> EventCountAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"contract-{Id}" });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public static class FulfilmentBodies
{
    public static LocalDate Today => SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;

    /// <summary>
    /// Registers a Rijswijk contract (valued with the shipped Haaglanden 2023 table) for a fresh contractor, or for the
    /// contractor <paramref name="kvk"/> names (the development identity provider's contractor account, say).
    /// </summary>
    public static async Task<ContractUnderReport> ContractAsync(LedgerApi api, decimal value = 200_000m,
        string startsOn = "2024-04-01", string endsOn = "2025-03-31", string awardedOn = "2024-03-01", string scope = "regional",
        string? kvk = null)
    {
        kvk ??= ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration(value, kvk: kvk, awardedOn: awardedOn)
            .With("startsOn", startsOn).With("endsOn", endsOn).With("scope", scope);
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
        return new ContractUnderReport(contract["id"]!.GetValue<string>(), kvk,
            await api.ClientAsync("opdrachtnemer", kvkNumber: kvk), await api.ClientAsync("wsp"), inkoop);
    }

    /// <summary>A contract whose term runs from 100 days ago for a year (366 days), so its status depends on today.</summary>
    public static Task<ContractUnderReport> RunningContractAsync(LedgerApi api) =>
        ContractAsync(api, startsOn: Iso(Today.PlusDays(-100)), endsOn: Iso(Today.PlusDays(265)), awardedOn: Iso(Today.PlusDays(-130)));

    public static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);

    public static JsonObject Employment(string candidate = "100234", string targetGroup = "participatiewet", decimal hours = 36m,
        string start = "2024-04-01", string end = "2024-06-30") => new()
    {
        ["kind"] = "employment",
        ["candidateNumber"] = candidate,
        ["targetGroup"] = targetGroup,
        ["hoursPerWeek"] = hours,
        ["periodStart"] = start,
        ["periodEnd"] = end,
        ["age55Plus"] = false,
        ["workLimitation"] = false,
    };

    public static JsonObject Internship(string level = "vso") => new()
    {
        ["kind"] = "internship", ["candidateNumber"] = "200001", ["level"] = level, ["hoursPerWeek"] = 36,
        ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-06-30",
    };

    public static JsonObject Bbl(int level = 2) => new()
    {
        ["kind"] = "bbl", ["candidateNumber"] = "200002", ["level"] = level, ["hoursPerWeek"] = 36,
        ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-06-30",
    };

    public static JsonObject WorkExperience() => new()
    {
        ["kind"] = "work-experience", ["candidateNumber"] = "200003", ["hoursPerWeek"] = 24,
        ["periodStart"] = "2024-04-01", ["periodEnd"] = "2024-06-30",
    };

    public static JsonObject SocialProcurement(string invoice = "F-2024-017", decimal amount = 12_000m, string recognition = "social-enterprise-nl",
        string supplierKvk = "87654321") => new()
    {
        ["kind"] = "social-procurement",
        ["supplier"] = new JsonObject { ["kvkNumber"] = supplierKvk, ["name"] = "De Groene Werkplaats B.V.", ["recognition"] = recognition },
        ["invoiceNumber"] = invoice,
        ["invoiceDate"] = "2024-05-15",
        ["amountExclVat"] = amount,
    };

    public static JsonObject Training(decimal cost = 1_250m) => new() { ["kind"] = "training", ["description"] = "VCA-opleiding voor twee medewerkers", ["cost"] = cost };

    public static JsonObject SocialActivity() => new() { ["kind"] = "social-activity", ["description"] = "Gastlessen op het vso", ["hours"] = 12 };

    public static string UniqueInvoice() => "F-" + ContractBodies.UniqueLetters(10);
}
