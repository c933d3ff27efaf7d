using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Sroi.Ledger.Api.Auditing.Checkpoints;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>A service that makes checkpoints every 0.6 seconds, over a database of its own.</summary>
public sealed class FrequentlyCheckpointedApi : LedgerApi
{
    protected override void ConfigureHost(IWebHostBuilder host) => host.UseSetting(CheckpointSchedule.IntervalSetting, "0.01");
}

/// <summary>Checkpoints on a schedule, skipped while nothing changes; where the key comes from.</summary>
public class CheckpointScheduleTests(FrequentlyCheckpointedApi api) : IClassFixture<FrequentlyCheckpointedApi>
{
    [Fact]
    public async Task The_schedule_signs_a_checkpoint_when_something_was_appended_and_skips_the_rounds_without()
    {
        // The shipped policy and table of GM0603 are signed at start.
        (await EventuallyAsync(() => CountAsync("GM0603"), count => count >= 1)).Should().Be(1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await CountAsync("GM0603")).Should().Be(1, "nothing was appended since");

        await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0603");

        (await EventuallyAsync(() => CountAsync("GM0603"), count => count >= 2)).Should().Be(2);
        var newest = await (await api.Admin().GetAsync("/api/v1/audit/checkpoints?municipality=GM0603&pageSize=1")).ShouldBeAsync(HttpStatusCode.OK);
        newest["items"]![0]!["streams"]!.GetValue<int>().Should().Be(3);
        (await (await api.Admin().GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK))["ok"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void In_production_without_a_key_file_the_service_does_not_start()
    {
        var configuration = new ConfigurationBuilder().Build();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production };

        FluentActions.Invoking(() => CheckpointKeySetup.Resolve(configuration, production, NullLogger.Instance))
            .Should().Throw<InvalidOperationException>().WithMessage("SROI_CHECKPOINT_KEY_FILE is not set*");
    }

    [Fact]
    public void A_configured_key_file_is_created_readable_by_its_owner_only_and_read_again_on_the_next_start()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sroi-key-test-{Guid.NewGuid():N}", "checkpoint-key.pem");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CheckpointKeySetup.KeyFileSetting] = file }).Build();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production };
        try
        {
            using var created = CheckpointKeySetup.Resolve(configuration, production, NullLogger.Instance);
            using var again = CheckpointKeySetup.Resolve(configuration, production, NullLogger.Instance);

            again.Fingerprint.Should().Be(created.Fingerprint);
            File.ReadAllText(file).Should().StartWith("-----BEGIN PRIVATE KEY-----");
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var payload = "signed"u8.ToArray();
            again.Verifies(payload, created.Sign(payload)).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private async Task<long> CountAsync(string municipality)
    {
        await using var command = api.DataSource.CreateCommand($"SELECT count(*) FROM sroi_checkpoints WHERE municipality = '{municipality}'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> EventuallyAsync(Func<Task<long>> read, Func<long, bool> done)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(100);
        }
        return await read();
    }
}
