using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Notifications;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The feed is in the order of the transactions that wrote it, by their ids as numbers. A full test run once crossed a
/// power of ten between the registration and its reviews (…, 99999, 100000, …) and the feed listed the registration last:
/// it was sorted by the ids' text. The server's own ids reach the next power of ten only after thousands of transactions,
/// so the rows here are written with the ids of two transactions either side of one.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotificationFeedOrderTests(NotificationsApi api)
{
    [Fact]
    public async Task The_feed_stays_in_transaction_order_and_its_cursor_skips_nothing_where_the_transaction_ids_gain_a_digit()
    {
        const string municipality = "GM9408";
        var kvk = ContractBodies.UniqueKvk();
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        // The later transaction's row goes in first, so neither insertion order nor seq gives the answer: only the txid does.
        var later = await InsertAsync(municipality, kvk, txid: 100);
        var earlier = await InsertAsync(municipality, kvk, txid: 99);

        var whole = await (await contractor.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK);
        Ids(whole).Should().Equal(earlier, later);
        whole["next"]!.GetValue<string>().Should().StartWith("100-");

        var first = await (await contractor.GetAsync("/api/v1/notifications?limit=1")).ShouldBeAsync(HttpStatusCode.OK);
        Ids(first).Should().Equal(earlier);
        first["hasMore"]!.GetValue<bool>().Should().BeTrue();
        first["next"]!.GetValue<string>().Should().StartWith("99-");
        var second = await (await contractor.GetAsync($"/api/v1/notifications?limit=1&after={first["next"]}")).ShouldBeAsync(HttpStatusCode.OK);
        Ids(second).Should().Equal(later);
        second["hasMore"]!.GetValue<bool>().Should().BeFalse();
        var third = await (await contractor.GetAsync($"/api/v1/notifications?limit=1&after={second["next"]}")).ShouldBeAsync(HttpStatusCode.OK);
        Ids(third).Should().BeEmpty();
    }

    private static string[] Ids(JsonNode page) => [.. page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    /// <summary>A contract registration's notification to the WSP and the contractor, as transaction <paramref name="txid"/> wrote it.</summary>
    private async Task<string> InsertAsync(string municipality, string kvk, long txid)
    {
        var n = Notification.New(SignalType.ContractRegistered, SystemClock.Instance.GetCurrentInstant(), MunicipalityCode.Parse(municipality),
            Guid.NewGuid(), KvkNumber.Parse(kvk), new { change = "registered" });
        await using var insert = api.DataSource.CreateCommand("""
            INSERT INTO sroi_notifications (txid, id, tenant_id, type, occurred_at, contract_id, to_wsp, to_kvk, body)
            VALUES ($1::text::xid8, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        foreach (var value in new object[] { txid.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Id, municipality, n.Type,
                     n.OccurredAt.ToDateTimeUtc(), n.ContractId!.Value, n.ToWsp, kvk, n.Body() })
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        (await insert.ExecuteNonQueryAsync()).Should().Be(1);
        return n.Id.ToString();
    }
}
